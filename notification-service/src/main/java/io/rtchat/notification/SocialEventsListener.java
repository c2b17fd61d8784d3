package io.rtchat.notification;

import io.rtchat.api.FriendRequestSent;
import io.rtchat.api.GroupInvitationsMade;
import io.rtchat.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Turns group-service's internal events into stored notifications: a friend request for its receiver, a group
 * invitation for each invitee. group-service sends them point to point, so of several notification-service
 * instances exactly one stores each.
 */
class SocialEventsListener {

  private final EventBus bus;
  private final RecordNotifications recorder;

  SocialEventsListener(EventBus bus, RecordNotifications recorder) {
    this.bus = bus;
    this.recorder = recorder;
  }

  /** Completes once both consumers are registered (cluster-wide). */
  Future<Void> register() {
    return Future.all(
      bus.<JsonObject>consumer(Addresses.FRIEND_REQUEST_SENT, msg -> {
        FriendRequestSent event = new FriendRequestSent(msg.body());
        recorder.record(List.of(event.getReceiverId()), Notices.friendRequest(event));
      }).completion(),
      bus.<JsonObject>consumer(Addresses.GROUP_INVITATIONS_MADE, msg -> {
        GroupInvitationsMade event = new GroupInvitationsMade(msg.body());
        recorder.record(event.getInviteeIds(), Notices.groupInvite(event));
      }).completion()).mapEmpty();
  }
}
