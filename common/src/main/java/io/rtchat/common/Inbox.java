package io.rtchat.common;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.Collection;

/** Pushes an event envelope to users' inboxes. {@code publish}, not {@code send}: every device of a user gets it. */
public final class Inbox {

  private Inbox() {
  }

  public static JsonObject envelope(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data);
  }

  public static void publish(EventBus bus, String userId, String type, JsonObject data) {
    bus.publish(Addresses.inbox(userId), EncodedEvent.of(envelope(type, data)));
  }

  /** Encodes the envelope once and publishes that same text to every inbox (see EncodedEvent). */
  public static void publish(EventBus bus, Collection<String> userIds, String type, JsonObject data) {
    if (userIds.isEmpty()) {
      return;
    }
    EncodedEvent event = EncodedEvent.of(envelope(type, data));
    for (String userId : userIds) {
      bus.publish(Addresses.inbox(userId), event);
    }
  }
}
