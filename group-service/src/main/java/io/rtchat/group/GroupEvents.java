package io.rtchat.group;

import io.rtchat.api.GroupInvitationsMade;
import io.rtchat.common.Addresses;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything group-service tells about groups: the live events in users' inboxes (every device, hence publish),
 * and the internal {@link Addresses#GROUP_INVITATIONS_MADE} event for notification-service.
 */
class GroupEvents {

  private final EventBus bus;

  GroupEvents(EventBus bus) {
    this.bus = bus;
  }

  /** The invitee sees the new invitation live ({@code group.invite}). */
  void invited(JsonObject invitationView) {
    Inbox.publish(bus, invitationView.getString("receiver"), EventTypes.GROUP_INVITE, invitationView);
  }

  /**
   * Tells notification-service that users were invited, so each gets a stored notification. {@code send}, not
   * {@code publish}: with several notification-service instances in the cluster exactly one must store it (a
   * publish would store one duplicate per instance). No reply is awaited: a lost notification never fails the
   * invitation, as with the proxy call this replaces.
   */
  void invitationsMade(String senderId, JsonObject group, List<String> inviteeIds) {
    if (inviteeIds.isEmpty()) {
      return;
    }
    bus.send(Addresses.GROUP_INVITATIONS_MADE, new GroupInvitationsMade()
      .setGroupId(group.getString("_id"))
      .setGroupName(group.getString("name"))
      .setSenderId(senderId)
      .setInviteeIds(inviteeIds)
      .toJson());
  }

  /** Tells the members the group changed ({@code group.updated}), and answers its view. */
  JsonObject updated(JsonObject doc) {
    JsonObject view = GroupViews.group(doc);
    Inbox.publish(bus, GroupViews.ids(doc, "members"), EventTypes.GROUP_UPDATED, view);
    return view;
  }

  /** Every member, the newcomer included, sees them join; answers the group's view. */
  JsonObject memberJoined(JsonObject doc, String userId) {
    JsonObject view = GroupViews.group(doc);
    Inbox.publish(bus, GroupViews.ids(doc, "members"), EventTypes.GROUP_MEMBER_JOINED,
      new JsonObject().put("groupId", doc.getString("_id")).put("userId", userId).put("group", view));
    return view;
  }

  /** The remaining members and the one who left (or was removed, by {@code removedBy}) see it. */
  void memberLeft(JsonObject doc, String leaverId, String removedBy) {
    Set<String> audience = new LinkedHashSet<>(GroupViews.ids(doc, "members"));
    audience.add(leaverId);
    JsonObject data = new JsonObject().put("groupId", doc.getString("_id")).put("userId", leaverId)
      .put("group", GroupViews.group(doc));
    if (removedBy != null) {
      data.put("removedBy", removedBy);
    }
    Inbox.publish(bus, audience, EventTypes.GROUP_MEMBER_LEFT, data);
  }

  /** Members and those still invited learn the group is gone. */
  void deleted(JsonObject doc) {
    Set<String> audience = new LinkedHashSet<>(GroupViews.ids(doc, "members"));
    audience.addAll(GroupViews.ids(doc, "invited"));
    Inbox.publish(bus, audience, EventTypes.GROUP_DELETED,
      new JsonObject().put("groupId", doc.getString("_id")).put("group", GroupViews.summary(doc)));
  }
}
