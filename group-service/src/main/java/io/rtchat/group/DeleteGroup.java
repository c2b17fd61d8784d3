package io.rtchat.group;

import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Admins delete the group; its chat and pending invitations go with it. */
class DeleteGroup {

  private final GroupStore groups;
  private final GroupAftermath aftermath;

  DeleteGroup(GroupStore groups, GroupAftermath aftermath) {
    this.groups = groups;
    this.aftermath = aftermath;
  }

  Future<Void> delete(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.deleteAsAdmin(groupId, userId))
      .compose(doc -> doc != null ? Future.succeededFuture(doc)
        : groups.byId(groupId).compose(group -> GroupAccess.<JsonObject>whyNotAsAdmin(userId, group)))
      .compose(aftermath::groupDeleted);
  }
}
