package io.rtchat.common;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Pushes an event envelope to users' inboxes, every device of each user. The one way events reach clients: the
 * envelope is encoded once and published once to the gateways ({@link InboxFanout}), whatever the number of
 * recipients; each gateway writes it to its own sockets registered on those users' inboxes ({@code user.<id>}).
 */
public final class Inbox {

  private Inbox() {
  }

  public static JsonObject envelope(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data);
  }

  public static void publish(EventBus bus, String userId, String type, JsonObject data) {
    publish(bus, List.of(userId), type, data);
  }

  public static void publish(EventBus bus, Collection<String> userIds, String type, JsonObject data) {
    List<String> recipients = userIds.stream().filter(Objects::nonNull).distinct().toList();
    if (recipients.isEmpty()) {
      return;
    }
    bus.publish(Addresses.INBOX_FANOUT, new InboxFanout(recipients, EncodedEvent.of(envelope(type, data))));
  }
}
