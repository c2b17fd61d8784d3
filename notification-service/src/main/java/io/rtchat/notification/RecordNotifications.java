package io.rtchat.notification;

import io.rtchat.common.NotificationTypes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stores a notice for its recipients and pushes each stored notification live. Friend requests, group invitations
 * and missed calls are always stored (they ask for an answer). A message is stored only for recipients with no
 * socket open at that moment (those online get the message itself live), collapsed into one unread notification per
 * (user, chat) whose {@code count} grows with each message. Used by {@code notifyUsers} and by the listeners of
 * other services' internal events.
 */
public class RecordNotifications {

  private static final Logger log = LoggerFactory.getLogger(RecordNotifications.class);

  private final NotificationStore store;
  private final PresenceTracker presence;
  private final NotificationEvents events;

  public RecordNotifications(NotificationStore store, PresenceTracker presence, NotificationEvents events) {
    this.store = store;
    this.presence = presence;
    this.events = events;
  }

  /** {@code notice} as shaped by {@link Notices}; {@code userIds} may hold the sender or duplicates. */
  public Future<Void> record(List<String> userIds, JsonObject notice) {
    List<String> targets = Notices.recipients(userIds, notice.getString("senderId"));
    if (targets.isEmpty()) {
      return Future.succeededFuture();
    }
    String type = notice.getString("type");
    Future<?> stored = NotificationTypes.MESSAGE.equals(type)
      ? presence.connected(targets).compose(online -> Future.all(targets.stream()
        .filter(userId -> !online.contains(userId))
        .map(userId -> store.collapseMessage(userId, notice).onSuccess(events::stored))
        .toList()))
      : Future.all(targets.stream().map(userId -> store.insert(userId, notice).onSuccess(events::stored)).toList());
    return stored
      .onFailure(err -> log.warn("notifications not stored type={} relatedId={} cause={}", type,
        notice.getString("relatedId"), err.toString()))
      .mapEmpty();
  }
}
