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

  // ---- the caller's stored notifications (gateway routes /notifications)

  /**
   * The user's notifications, newest first: {@code {items, hasMore}}; {@code unreadOnly} keeps unread ones,
   * {@code before} is a notification id cursor (or null), {@code limit} as in Paging (0 = default).
   */
  Future<JsonObject> listNotifications(String userId, boolean unreadOnly, String before, int limit);

  /** {@code {count}}: how many of the user's notifications are unread (a collapsed chat counts once). */
  Future<JsonObject> unreadCount(String userId);

  /** Marks one of the user's own notifications read and answers it; another user's id is 404, nothing changed. */
  Future<JsonObject> markRead(String userId, String notificationId);

  /** Marks every unread notification of the user read: {@code {updated}}. */
  Future<JsonObject> markAllRead(String userId);

  // ---- presence, reported by every gateway (cluster-wide state in Mongo)

  /** A gateway registered a socket on the user's own inbox (a device came online). */
  Future<Void> socketOpened(String userId, String socketId, String gatewayId);

  /** That socket closed; the user goes offline once no socket is left after the grace period. */
  Future<Void> socketClosed(String userId, String socketId, String gatewayId);

  /**
   * A gateway's lease, renewed periodically; the sockets of a gateway that stops renewing expire. Answers false when
   * the lease had already expired: the gateway then reports its open sockets again.
   */
  Future<Boolean> gatewayAlive(String gatewayId);
}
