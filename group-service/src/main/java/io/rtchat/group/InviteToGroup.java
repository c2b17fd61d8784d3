package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Admins invite users who are not members yet; answers the group (members hear {@code group.updated}). */
class InviteToGroup {

  private final GroupStore groups;
  private final InvitationSender inviter;
  private final GroupEvents events;

  InviteToGroup(GroupStore groups, InvitationSender inviter, GroupEvents events) {
    this.groups = groups;
    this.inviter = inviter;
    this.events = events;
  }

  Future<JsonObject> invite(String userId, String groupId, JsonObject body) {
    Input in = Input.of(body);
    List<String> userIds = in.optionalIdList("userIds", Paging.MAX_LIMIT);
    if (!in.invalid() && userIds.isEmpty()) {
      in.problem("userIds", "must list at least one user id");
    }
    if (in.invalid()) {
      return in.failure();
    }
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.byId(groupId))
      .compose(group -> {
        Future<JsonObject> refusal = GroupAccess.refuse(userId, group, true);
        if (refusal != null) {
          return refusal;
        }
        if (userIds.stream().anyMatch(GroupViews.ids(group, "members")::contains)) {
          return Errors.fail(ErrorCode.GROUP_ALREADY_MEMBER, "Some of these users are already members");
        }
        return inviter.requireUsers(userIds).compose(v -> groups.inviteAsAdmin(groupId, userId, userIds));
      })
      .compose(doc -> doc == null
        ? Errors.fail(ErrorCode.GROUP_ALREADY_MEMBER, "The group changed meanwhile (someone joined or your rights changed); try again")
        : inviter.invite(userId, doc, userIds).map(v -> events.updated(doc)));
  }
}
