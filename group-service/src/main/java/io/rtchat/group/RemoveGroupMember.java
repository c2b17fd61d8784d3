package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Admins remove another member (leaving yourself is {@link LeaveGroup}); answers the group. */
class RemoveGroupMember {

  private final GroupStore groups;
  private final GroupAftermath aftermath;

  RemoveGroupMember(GroupStore groups, GroupAftermath aftermath) {
    this.groups = groups;
    this.aftermath = aftermath;
  }

  Future<JsonObject> remove(String userId, String groupId, String memberId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> memberId.equals(userId)
        ? Errors.fail(ErrorCode.VALIDATION, "To leave a group use POST /groups/{id}/leave",
          new JsonObject().put("userId", "must not be yourself"))
        : groups.removeMemberAsAdmin(groupId, userId, memberId))
      .compose(doc -> doc != null ? Future.succeededFuture(doc)
        : groups.byId(groupId).compose(group -> GroupAccess.<JsonObject>whyNotForMember(userId, group)))
      .compose(doc -> aftermath.memberLeft(doc, memberId, userId).map(v -> GroupViews.group(doc)));
  }
}
