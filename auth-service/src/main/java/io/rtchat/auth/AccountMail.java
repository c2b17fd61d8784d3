package io.rtchat.auth;

import io.rtchat.api.NotificationService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends auth-service's mails through notification-service. A mail that cannot be sent never fails the action that
 * asked for it: the account change stands and the user can ask again (send-otp, forgot-password).
 */
class AccountMail {

  private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

  private final NotificationService notifications;

  AccountMail(NotificationService notifications) {
    this.notifications = notifications;
  }

  Future<Void> send(JsonObject mail, String kind, String userId) {
    return notifications.sendEmail(mail).recover(err -> {
      log.error("mail not sent kind={} userId={}", kind, userId, err);
      return Future.succeededFuture();
    });
  }
}
