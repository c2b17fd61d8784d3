package io.rtchat.group;

import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invitee joins or declines. The group's {@code invited} list is the truth (one conditional update on it decides);
 * the invitation document is closed after it, then {@code users.groups} and the group chat follow a join (the chat
 * through {@link GroupChatFollower}, like every membership change).
 */
class AnswerGroupInvitation {

  private static final Logger log = LoggerFactory.getLogger(AnswerGroupInvitation.class);

  private final GroupChatFollower chatFollower;
  private final GroupStore groups;
  private final InvitationStore invitations;
  private final SocialStore social;
  private final GroupEvents events;

  AnswerGroupInvitation(GroupChatFollower chatFollower, GroupStore groups, InvitationStore invitations, SocialStore social,
                        GroupEvents events) {
    this.chatFollower = chatFollower;
    this.groups = groups;
    this.invitations = invitations;
    this.social = social;
    this.events = events;
  }

  Future<JsonObject> accept(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> chatFollower.mark(groupId))
      .compose(mark -> groups.join(groupId, userId)
        .compose(doc -> doc != null ? Future.succeededFuture(doc)
          : chatFollower.unmark(groupId, mark).compose(v -> whyNot(userId, groupId)))
        .compose(doc -> invitations.closeGroupInvitation(groupId, userId, "accepted")
          .compose(v -> social.addGroup(userId, groupId))
          .compose(v -> chatFollower.afterChange(groupId, mark))
          .map(v -> {
            log.info("group joined groupId={} userId={}", groupId, userId);
            return events.memberJoined(doc, userId);
          })));
  }

  Future<Void> reject(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.decline(groupId, userId))
      .compose(doc -> doc != null ? Future.succeededFuture(doc) : whyNot(userId, groupId))
      .compose(doc -> invitations.closeGroupInvitation(groupId, userId, "rejected"))
      .onSuccess(v -> log.info("group invitation declined groupId={} userId={}", groupId, userId))
      .mapEmpty();
  }

  private Future<JsonObject> whyNot(String userId, String groupId) {
    return groups.byId(groupId).compose(group -> GroupAccess.failNotInvited(userId, group));
  }
}
