package io.rtchat.auth;

import io.rtchat.common.MailText;

import io.vertx.core.json.JsonObject;

/**
 * The mails auth-service writes, as {@code {to,subject,text}} for notification-service. Every user-written part goes
 * through {@link MailText#name}, so no name can add lines to a mail.
 */
final class MailTexts {

  private MailTexts() {
  }

  static JsonObject verificationCode(String email, String firstName, String otp, long minutes) {
    return mail(email, "Your rtchat verification code",
      "Hello " + MailText.name(firstName) + ",\n\nyour rtchat verification code is " + otp
        + "\n\nIt expires in " + minutes + " minutes. If you did not sign up, ignore this mail.\n");
  }

  static JsonObject accountExists(String email, String firstName, String publicUrl) {
    return mail(email, "Someone tried to sign up with your address",
      "Hello " + MailText.name(firstName) + ",\n\n"
        + "someone tried to create an rtchat account with this e-mail address, which already has one.\n"
        + "If it was you, sign in, or reset your password at " + publicUrl + "/forgot-password.\n"
        + "If it was not you, ignore this mail; nothing changed.\n");
  }

  static JsonObject resetLink(String email, String firstName, String publicUrl, String token, long minutes) {
    String link = publicUrl + "/reset-password?token=" + token;
    return mail(email, "Reset your rtchat password",
      "Hello " + MailText.name(firstName) + ",\n\nto choose a new password, open\n" + link
        + "\n\nThe link works once, for " + minutes + " minutes. If you did not ask for it, ignore this mail.\n");
  }

  private static JsonObject mail(String to, String subject, String text) {
    return new JsonObject().put("to", to).put("subject", subject).put("text", text);
  }
}
