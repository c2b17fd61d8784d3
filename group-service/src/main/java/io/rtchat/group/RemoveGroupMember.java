package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Admins remove another member (leaving yourself is {@link LeaveGroup}); answers the group. */
class RemoveGroupMember {

  private final GroupStore groups;
  private final GroupChatFollower chatFollower;
  private final GroupAftermath aftermath;

  RemoveGroupMember(GroupStore groups, GroupChatFollower chatFollower, GroupAftermath aftermath) {
    this.groups = groups;
    this.chatFollower = chatFollower;
    this.aftermath = aftermath;
  }

  Future<JsonObject> remove(String userId, String groupId, String memberId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> memberId.equals(userId)
        ? Errors.fail(ErrorCode.VALIDATION, "To leave a group use POST /groups/{id}/leave",
          new JsonObject().put("userId", "must not be yourself"))
        : chatFollower.mark(groupId).compose(mark -> groups.removeMemberAsAdmin(groupId, userId, memberId)
          .compose(doc -> doc != null
            ? aftermath.memberLeft(doc, memberId, userId, mark).map(left -> GroupViews.group(doc))
            : chatFollower.unmark(groupId, mark).compose(cleared -> groups.byId(groupId))
              .compose(group -> GroupAccess.<JsonObject>whyNotForMember(userId, group)))));
  }
}
