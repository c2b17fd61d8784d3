package io.rtchat.notification;

import io.rtchat.api.MessageStored;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Addresses;
import io.rtchat.common.NotificationTypes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns chat-service's {@code message stored} events ({@link Addresses#CHAT_MESSAGE_STORED}) into message
 * notifications, through the same rule as any other notification (stored for the recipients who are offline,
 * collapsed per chat). chat-service sends each event point to point, so exactly one notification-service instance
 * handles it however many consume the address: a published event would be stored once per instance.
 */
final class MessageStoredListener {

  private static final Logger log = LoggerFactory.getLogger(MessageStoredListener.class);

  private final EventBus bus;
  private final NotificationService notifications;

  MessageStoredListener(EventBus bus, NotificationService notifications) {
    this.bus = bus;
    this.notifications = notifications;
  }

  /** Starts listening; completes once the consumer is registered across the cluster. */
  Future<Void> register() {
    MessageConsumer<JsonObject> consumer = bus.consumer(Addresses.CHAT_MESSAGE_STORED, msg -> handle(msg.body()));
    return consumer.completion();
  }

  Future<Void> handle(JsonObject body) {
    MessageStored event;
    try {
      event = new MessageStored(body);
    } catch (RuntimeException e) {
      log.warn("message-stored event ignored cause={}", e.toString());
      return Future.succeededFuture();
    }
    JsonObject notice = new JsonObject()
      .put("type", NotificationTypes.MESSAGE)
      .put("content", event.getPreview())
      .put("relatedId", event.getMessageId())
      .put("chatId", event.getChatId())
      .put("senderId", event.getSenderId());
    return notifications.notifyUsers(event.getRecipientIds(), notice)
      .onFailure(err -> log.debug("message notifications failed chatId={} messageId={} cause={}",
        event.getChatId(), event.getMessageId(), err.getMessage()));
  }
}
