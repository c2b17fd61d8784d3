package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Admins make a member admin or take admin away. Demoting yourself needs another admin to remain, so a group never
 * loses its last admin this way; demoting a member who is no admin changes nothing and answers the group.
 */
class ChangeGroupAdmins {

  private final GroupStore groups;
  private final GroupEvents events;

  ChangeGroupAdmins(GroupStore groups, GroupEvents events) {
    this.groups = groups;
    this.events = events;
  }

  Future<JsonObject> promote(String userId, String groupId, String memberId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> groups.promoteAsAdmin(groupId, userId, memberId))
      .compose(doc -> doc != null ? Future.succeededFuture(doc)
        : groups.byId(groupId).compose(group -> GroupAccess.<JsonObject>whyNotForMember(userId, group)))
      .map(events::updated);
  }

  Future<JsonObject> demote(String userId, String groupId, String memberId) {
    boolean self = memberId != null && memberId.equals(userId);
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> self ? groups.demoteSelf(groupId, userId) : groups.demoteAsAdmin(groupId, userId, memberId))
      .compose(doc -> doc != null ? Future.succeededFuture(events.updated(doc))
        : groups.byId(groupId).compose(group -> whyNotDemoted(userId, memberId, group)));
  }

  /** The demotion matched nothing: no rights, the last admin, no such member, or a member who is no admin (no-op). */
  static Future<JsonObject> whyNotDemoted(String userId, String memberId, JsonObject group) {
    Future<JsonObject> refusal = GroupAccess.refuse(userId, group, true);
    if (refusal != null) {
      return refusal;
    }
    if (memberId.equals(userId)) {
      return Errors.fail(ErrorCode.GROUP_LAST_ADMIN, "You are the only admin: promote someone first");
    }
    if (!GroupViews.ids(group, "members").contains(memberId)) {
      return Errors.fail(ErrorCode.GROUP_MEMBER_NOT_FOUND, "This user is not a member of the group");
    }
    return Future.succeededFuture(GroupViews.group(group));
  }
}
