package io.rtchat.notification;

import io.rtchat.api.NotificationService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.util.List;

/**
 * The notification service's API, a thin facade: recording notices is {@link RecordNotifications}, presence is
 * {@link PresenceTracker}, mail is the {@link Mailer}; the rest reads and marks the caller's own notifications.
 */
public class NotificationServiceImpl implements NotificationService {

  private final MongoClient mongo;
  private final Mailer mailer;
  private final NotificationStore store;
  private final PresenceTracker presence;
  private final RecordNotifications recorder;

  public NotificationServiceImpl(MongoClient mongo, Mailer mailer, NotificationStore store, PresenceTracker presence,
                                 RecordNotifications recorder) {
    this.mongo = mongo;
    this.mailer = mailer;
    this.store = store;
    this.presence = presence;
    this.recorder = recorder;
  }

  @Override
  public Future<Void> sendEmail(JsonObject mail) {
    return Mail.from(mail).compose(mailer::send);
  }

  @Override
  public Future<Void> notifyUsers(List<String> userIds, JsonObject event) {
    return Notices.fromCall(event).compose(notice -> recorder.record(userIds, notice));
  }

  @Override
  public Future<JsonObject> listNotifications(String userId, boolean unreadOnly, String before, int limit) {
    PageQuery query = PageQuery.before(before, limit);
    return query.checked()
      .compose(page -> store.list(userId, unreadOnly, page.before(), page.limit()))
      .map(found -> query.page(found.stream().map(NotificationViews::view).toList()));
  }

  @Override
  public Future<JsonObject> unreadCount(String userId) {
    return store.countUnread(userId).map(n -> new JsonObject().put("count", n));
  }

  @Override
  public Future<JsonObject> markRead(String userId, String notificationId) {
    return Input.checkId("notificationId", notificationId)
      .compose(v -> store.markRead(userId, notificationId))
      .compose(doc -> doc == null
        ? Errors.fail(ErrorCode.NOTIFICATION_NOT_FOUND, "No such notification")
        : Future.succeededFuture(NotificationViews.view(doc)));
  }

  @Override
  public Future<JsonObject> markAllRead(String userId) {
    return store.unreadIds(userId)
      .compose(ids -> Future.all(ids.stream().map(id -> store.markUnreadRead(userId, id)).toList()))
      .map(all -> new JsonObject().put("updated", all.list().stream().filter(Boolean.TRUE::equals).count()));
  }

  @Override
  public Future<Void> socketOpened(String userId, String socketId, String gatewayId) {
    return presenceInput(userId, socketId, gatewayId).compose(v -> presence.socketOpened(userId, socketId, gatewayId));
  }

  @Override
  public Future<Void> socketClosed(String userId, String socketId, String gatewayId) {
    return presenceInput(userId, socketId, gatewayId).compose(v -> presence.socketClosed(userId, socketId, gatewayId));
  }

  @Override
  public Future<Boolean> gatewayAlive(String gatewayId) {
    if (gatewayId == null || gatewayId.isBlank()) {
      return Errors.fail(ErrorCode.VALIDATION, "gatewayId is required");
    }
    return presence.gatewayAlive(gatewayId);
  }

  private static Future<Void> presenceInput(String userId, String socketId, String gatewayId) {
    if (socketId == null || socketId.isBlank() || gatewayId == null || gatewayId.isBlank()) {
      return Errors.fail(ErrorCode.VALIDATION, "socketId and gatewayId are required");
    }
    return Input.checkId("userId", userId);
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
