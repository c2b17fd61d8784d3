package io.rtchat.group;

import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Admins delete the group; its chat and pending invitations go with it. */
class DeleteGroup {

  private final GroupStore groups;
  private final GroupChatFollower chatFollower;
  private final GroupAftermath aftermath;

  DeleteGroup(GroupStore groups, GroupChatFollower chatFollower, GroupAftermath aftermath) {
    this.groups = groups;
    this.chatFollower = chatFollower;
    this.aftermath = aftermath;
  }

  /** The mark comes first: once the group document is gone, it is the only record that its chat must go too. */
  Future<Void> delete(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> chatFollower.mark(groupId))
      .compose(mark -> groups.deleteAsAdmin(groupId, userId).compose(doc -> doc != null
        ? aftermath.groupDeleted(doc, mark)
        : chatFollower.unmark(groupId, mark).compose(v -> groups.byId(groupId))
          .compose(group -> GroupAccess.<Void>whyNotAsAdmin(userId, group))));
  }
}
