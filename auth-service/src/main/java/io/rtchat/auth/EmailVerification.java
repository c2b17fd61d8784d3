package io.rtchat.auth;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Sends a new one-time code on request and verifies a code, which signs the user in. */
class EmailVerification {

  private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);

  private final UserStore users;
  private final OtpRules otpRules;
  private final AccountMail mail;
  private final SessionTokens sessions;

  EmailVerification(UserStore users, OtpRules otpRules, AccountMail mail, SessionTokens sessions) {
    this.users = users;
    this.otpRules = otpRules;
    this.mail = mail;
    this.sessions = sessions;
  }

  Future<Void> sendOtp(JsonObject body) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    if (in.invalid()) {
      return in.failure();
    }
    // Answer at once, whatever the address: the lookup and the mail run afterwards, so the time taken says nothing.
    Instant now = Instant.now();
    users.byEmail(email).compose(user -> {
      if (user == null || user.getBoolean("emailVerified", false)) {
        return Future.<Void>succeededFuture();
      }
      String userId = user.getString("_id");
      String otp = Secrets.otp();
      return users.renewOtp(email, otpRules.resendCutoff(now), otpRules.freshCode(userId, otp, now))
        .compose(renewed -> renewed == null
          ? Future.<Void>succeededFuture()
          : mail.send(MailTexts.verificationCode(email, user.getString("firstName"), otp, otpRules.ttlMinutes()),
            "verification-code", userId));
    }).onFailure(err -> log.error("send-otp failed after answering", err));
    return Future.succeededFuture();
  }

  Future<JsonObject> verify(JsonObject body) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    String otp = in.requiredString("otp", 6, 6);
    if (in.invalid()) {
      return in.failure();
    }
    return users.byEmail(email).compose(existing -> {
      if (!OtpRules.awaitsCode(existing)) {
        return Errors.fail(ErrorCode.OTP_INVALID, "The code is wrong or has expired");
      }
      return users.countOtpTry(email, otpRules.maxAttempts(), otpRules.maxTotalAttempts()).compose(user -> {
        if (user == null) {
          return Errors.fail(ErrorCode.OTP_LOCKED, "Too many wrong codes; ask for a new one (or reset your password)");
        }
        if (!OtpRules.accepts(user, otp, Instant.now())) {
          return Errors.fail(ErrorCode.OTP_INVALID, "The code is wrong or has expired");
        }
        String userId = user.getString("_id");
        return users.markVerified(userId, user.getString("otp")).compose(done -> done
          ? users.byId(userId).compose(sessions::start)
          : Errors.fail(ErrorCode.OTP_INVALID, "The code is wrong or has expired"));
      });
    });
  }
}
