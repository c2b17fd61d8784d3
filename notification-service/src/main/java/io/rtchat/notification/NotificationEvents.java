package io.rtchat.notification;

import io.rtchat.common.Addresses;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.Collection;

/** Everything notification-service pushes to users' inboxes (every device, hence publish). */
class NotificationEvents {

  private final EventBus bus;

  NotificationEvents(EventBus bus) {
    this.bus = bus;
  }

  /** The owner of a just stored (or grown) notification sees it live ({@code notification.new}). */
  void stored(JsonObject doc) {
    Inbox.publish(bus, doc.getString("userId"), EventTypes.NOTIFICATION_NEW, NotificationViews.view(doc));
  }

  /** A user's friends and chat partners see them come online or go offline ({@code presence}). */
  void presence(Collection<String> audience, String userId, String status, String lastSeenAt) {
    Inbox.publish(bus, audience, EventTypes.PRESENCE,
      new JsonObject().put("userId", userId).put("status", status).put("lastSeenAt", lastSeenAt));
  }

  /** Every notification-service instance (its {@link PresenceView}) learns that a user's first socket opened or last closed. */
  void presenceChanged(String userId, boolean online) {
    bus.publish(Addresses.PRESENCE_CHANGED, new JsonObject().put("userId", userId).put("online", online));
  }
}
