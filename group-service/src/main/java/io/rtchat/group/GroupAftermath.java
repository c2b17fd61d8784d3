package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What follows a change of membership, once the group document changed: the group's chat (chat-service) follows its
 * membership first (a removed member stops reading it as soon as chat-service confirms, and {@link GroupChatFollower}
 * retries until it does), then {@code users.groups}, pending invitations go with a deleted group, and the members hear it.
 */
class GroupAftermath {

  private static final Logger log = LoggerFactory.getLogger(GroupAftermath.class);

  private final GroupChatFollower chatFollower;
  private final InvitationStore invitations;
  private final SocialStore social;
  private final GroupEvents events;

  GroupAftermath(GroupChatFollower chatFollower, InvitationStore invitations, SocialStore social, GroupEvents events) {
    this.chatFollower = chatFollower;
    this.invitations = invitations;
    this.social = social;
    this.events = events;
  }

  /**
   * After a member left or was removed ({@code removedBy} null when they left themselves); {@code mark} is the
   * change's outbox mark.
   */
  Future<Void> memberLeft(JsonObject doc, String leaverId, String removedBy, String mark) {
    String groupId = doc.getString("_id");
    return chatFollower.afterChange(groupId, mark)
      .compose(v -> social.removeGroup(List.of(leaverId), groupId))
      .onSuccess(v -> {
        log.info("group left groupId={} userId={} removedBy={}", groupId, leaverId, removedBy);
        events.memberLeft(doc, leaverId, removedBy);
      });
  }

  /** After the group document is gone: its chat, its pending invitations, {@code users.groups}, and the event. */
  Future<Void> groupDeleted(JsonObject doc, String mark) {
    String groupId = doc.getString("_id");
    return Future.all(chatFollower.afterChange(groupId, mark), invitations.removePendingOfGroup(groupId),
        social.removeGroup(GroupViews.ids(doc, "members"), groupId))
      .onSuccess(v -> {
        log.info("group deleted groupId={}", groupId);
        events.deleted(doc);
      })
      .mapEmpty();
  }

  /**
   * A group chat that is already gone means the group was deleted meanwhile (e.g. the last two members left at once):
   * there is nothing left to keep in step, and the caller's own change did succeed.
   */
  static Future<Void> unlessChatGone(Future<Void> chatChange) {
    return chatChange.recover(err -> Errors.is(err, ErrorCode.CHAT_NOT_FOUND) ? Future.succeededFuture() : Future.failedFuture(err));
  }
}
