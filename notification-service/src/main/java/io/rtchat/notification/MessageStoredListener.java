package io.rtchat.notification;

import io.rtchat.api.MessageStored;
import io.rtchat.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns chat-service's {@code message stored} events ({@link Addresses#CHAT_MESSAGE_STORED}) into message
 * notifications for the recipients who are offline, collapsed per (user, chat). Who is offline comes from the
 * in-memory {@link PresenceView} (no MongoDB read per message); the events of a short window are coalesced and written
 * with one bulk write, then each touched notification is pushed once. chat-service sends each event point to point,
 * so exactly one notification-service instance handles it however many consume the address.
 */
final class MessageStoredListener {

  private static final Logger log = LoggerFactory.getLogger(MessageStoredListener.class);

  private final Vertx vertx;
  private final PresenceView presence;
  private final NotificationStore store;
  private final NotificationEvents events;
  private final long windowMillis;
  private final int max;

  private List<MessageStored> pending = new ArrayList<>();
  private long timer = -1;

  MessageStoredListener(Vertx vertx, PresenceView presence, NotificationStore store, NotificationEvents events,
                        long windowMillis, int max) {
    this.vertx = vertx;
    this.presence = presence;
    this.store = store;
    this.events = events;
    this.windowMillis = windowMillis;
    this.max = Math.max(1, max);
  }

  /** Starts listening; completes once the consumer is registered across the cluster. */
  Future<Void> register() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.CHAT_MESSAGE_STORED, msg -> add(msg.body())).completion();
  }

  private void add(JsonObject body) {
    try {
      pending.add(new MessageStored(body));
    } catch (RuntimeException e) {
      log.warn("message-stored event ignored cause={}", e.toString());
      return;
    }
    if (pending.size() >= max) {
      flush();
    } else if (timer < 0) {
      timer = vertx.setTimer(Math.max(1, windowMillis), t -> {
        timer = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List<MessageStored> batch = pending;
    pending = new ArrayList<>();
    if (!batch.isEmpty()) {
      write(batch);
    }
  }

  Future<Void> write(List<MessageStored> batch) {
    MessageBatch collapses = new MessageBatch();
    for (MessageStored event : batch) {
      List<String> targets = Notices.recipients(event.getRecipientIds(), event.getSenderId());
      collapses.add(presence.offline(targets), event.getChatId(), event.getMessageId(), event.getPreview(),
        event.getSenderId());
    }
    if (collapses.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.collapseMessages(collapses.collapses())
      .onSuccess(docs -> docs.forEach(events::stored))
      .onFailure(err -> log.warn("message notifications not stored events={} cause={}", batch.size(), err.toString()))
      .mapEmpty();
  }
}
