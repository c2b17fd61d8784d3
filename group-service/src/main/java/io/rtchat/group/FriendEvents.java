package io.rtchat.group;

import io.rtchat.api.FriendRequestSent;
import io.rtchat.common.Addresses;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Everything group-service tells about friendships: the live events in users' inboxes (every device, hence publish),
 * and the internal {@link Addresses#FRIEND_REQUEST_SENT} event for notification-service.
 */
class FriendEvents {

  private final EventBus bus;

  FriendEvents(EventBus bus) {
    this.bus = bus;
  }

  /**
   * The receiver sees the request live ({@code friend_request.new}); notification-service is told to store the
   * receiver's notification. {@code send}, not {@code publish}: of several notification-service instances exactly
   * one must store it. No reply is awaited: a lost notification never fails the request.
   */
  void requestSent(JsonObject view) {
    Inbox.publish(bus, view.getString("receiver"), EventTypes.FRIEND_REQUEST_NEW, view);
    bus.send(Addresses.FRIEND_REQUEST_SENT, new FriendRequestSent()
      .setRequestId(view.getString("id"))
      .setSenderId(view.getString("sender"))
      .setReceiverId(view.getString("receiver"))
      .toJson());
  }

  /** Both sides (every device) see what became of the request ({@code type} is accepted, rejected or cancelled). */
  void requestAnswered(JsonObject view, String type) {
    Inbox.publish(bus, List.of(view.getString("sender"), view.getString("receiver")), type, view);
  }

  /** Each former friend is told who is no longer a friend. */
  void friendshipEnded(String userId, String friendId) {
    Inbox.publish(bus, friendId, EventTypes.FRIEND_REMOVED, new JsonObject().put("userId", userId));
    Inbox.publish(bus, userId, EventTypes.FRIEND_REMOVED, new JsonObject().put("userId", friendId));
  }
}
