package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Notifications, presence and e-mail delivery. */
@ProxyGen
@VertxGen
public interface NotificationService {

  String ADDRESS = Addresses.NOTIFICATION_SERVICE;

  static NotificationService createProxy(Vertx vertx) {
    return new NotificationServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * {@code {to, subject, text}}: delivers a mail through SMTP when configured, else writes it to DATA_DIR/outbox.
   * Succeeds once the mail is accepted for delivery (stored or handed to the SMTP server).
   */
  Future<Void> sendEmail(JsonObject mail);

  /**
   * Something happened that these users should hear about: {@code {type: "message"|"friend_request"|"group_invite"|
   * "call_missed", content, relatedId, chatId?, senderId?}}. The service stores a notification for each user who is
   * not online (collapsing unread message notifications per chat) and pushes {@code notification.new} live.
   * Callers fire and forget: a failure here never fails the caller's action.
   */
  Future<Void> notifyUsers(List<String> userIds, JsonObject event);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
