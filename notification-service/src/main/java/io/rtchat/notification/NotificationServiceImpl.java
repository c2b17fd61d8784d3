package io.rtchat.notification;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Ids;
import io.rtchat.common.Inbox;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of the notification service. Friend requests, group invitations and missed calls are always stored
 * (they ask for an answer) and pushed live as {@code notification.new}. A message is stored only for recipients
 * with no socket open at that moment (those online get the message itself live), collapsed into one unread
 * notification per (user, chat) whose {@code count} grows with each message.
 */
public class NotificationServiceImpl implements NotificationService {

  private static final Logger log = LoggerFactory.getLogger(NotificationServiceImpl.class);
  static final int PREVIEW_CHARS = 200;
  static final List<String> TYPES = List.of(NotificationStore.MESSAGE, "friend_request", "group_invite", "call_missed");

  private final Vertx vertx;
  private final MongoClient mongo;
  private final Mailer mailer;
  private final NotificationStore store;
  private final PresenceTracker presence;

  public NotificationServiceImpl(Vertx vertx, MongoClient mongo, Mailer mailer, NotificationStore store,
                                 PresenceTracker presence) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.mailer = mailer;
    this.store = store;
    this.presence = presence;
  }

  @Override
  public Future<Void> sendEmail(JsonObject mail) {
    return Mail.from(mail).compose(mailer::send);
  }

  @Override
  public Future<Void> notifyUsers(List<String> userIds, JsonObject event) {
    Input in = Input.of(event == null ? new JsonObject() : event);
    String type = in.requiredEnum("type", TYPES);
    String relatedId = in.optionalId("relatedId");
    String chatId = in.optionalId("chatId");
    String senderId = in.optionalId("senderId");
    if (NotificationStore.MESSAGE.equals(type) && chatId == null && !in.invalid()) {
      in.problem("chatId", "is required for message notifications");
    }
    if (in.invalid()) {
      return in.failure();
    }
    JsonObject notice = new JsonObject().put("type", type).put("content", preview(event.getValue("content")))
      .put("relatedId", relatedId).put("chatId", chatId).put("senderId", senderId);
    Set<String> recipients = new HashSet<>();
    for (String id : userIds == null ? List.<String>of() : userIds) {
      if (Ids.isValid(id) && !id.equals(senderId)) {
        recipients.add(id);
      }
    }
    if (recipients.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> targets = List.copyOf(recipients);
    Future<?> stored = NotificationStore.MESSAGE.equals(type)
      ? presence.connected(targets).compose(online -> Future.all(targets.stream()
        .filter(userId -> !online.contains(userId))
        .map(userId -> store.collapseMessage(userId, notice).onSuccess(this::push))
        .toList()))
      : Future.all(targets.stream().map(userId -> store.insert(userId, notice).onSuccess(this::push)).toList());
    return stored
      .onFailure(err -> log.warn("notifications not stored type={} relatedId={} cause={}", type, relatedId, err.toString()))
      .mapEmpty();
  }

  /** The content shown in a notification: the text, cut to a preview (a long message must not lose its notification). */
  private static String preview(Object content) {
    String text = content instanceof String s ? s.strip() : "";
    return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS - 1) + "…";
  }

  private void push(JsonObject stored) {
    Inbox.publish(vertx.eventBus(), stored.getString("userId"), EventTypes.NOTIFICATION_NEW, view(stored));
  }

  /** What a client sees of a stored notification. */
  static JsonObject view(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("type", doc.getString("type"))
      .put("content", doc.getString("content"))
      .put("relatedId", doc.getString("relatedId"))
      .put("chatId", doc.getString("chatId"))
      .put("senderId", doc.getString("senderId"))
      .put("count", doc.getInteger("count", 1))
      .put("read", doc.getBoolean("read", false))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }

  @Override
  public Future<JsonObject> listNotifications(String userId, boolean unreadOnly, String before, int limit) {
    int size = Paging.limit(limit);
    Future<Void> cursor = before == null ? Future.succeededFuture() : Input.checkId("before", before);
    return cursor.compose(v -> store.list(userId, unreadOnly, before, size))
      .map(found -> Paging.page(found.stream().map(NotificationServiceImpl::view).toList(), size));
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
        : Future.succeededFuture(view(doc)));
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
