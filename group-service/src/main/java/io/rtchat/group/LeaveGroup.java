package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A member leaves. Reads the group, lets {@link LeaveRule} pick the case, and tries that case's conditional update;
 * when it matches nothing another change got there first (a join, another leave), so it reads again and decides
 * again, a bounded number of times.
 */
class LeaveGroup {

  /** Leaving re-reads the group and tries again when another change won the race; this bounds the retries. */
  static final int ATTEMPTS = 8;

  private final GroupStore groups;
  private final GroupChatFollower chatFollower;
  private final GroupAftermath aftermath;

  LeaveGroup(GroupStore groups, GroupChatFollower chatFollower, GroupAftermath aftermath) {
    this.groups = groups;
    this.chatFollower = chatFollower;
    this.aftermath = aftermath;
  }

  Future<Void> leave(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> chatFollower.mark(groupId))
      .compose(mark -> attempt(userId, groupId, ATTEMPTS, mark));
  }

  private Future<Void> attempt(String userId, String groupId, int attemptsLeft, String mark) {
    if (attemptsLeft == 0) {
      return refused(groupId, mark, Errors.fail(ErrorCode.UNAVAILABLE, "The group is changing too fast; try again"));
    }
    return groups.byId(groupId).compose(group -> {
      Future<Void> refusal = GroupAccess.refuse(userId, group, false);
      if (refusal != null) {
        return refused(groupId, mark, refusal);
      }
      LeaveRule rule = LeaveRule.decide(group, userId);
      return apply(rule, groupId, userId).compose(doc -> {
        if (doc == null) {
          return attempt(userId, groupId, attemptsLeft - 1, mark);
        }
        return rule.kind() == LeaveRule.Case.DELETE_AS_LAST_MEMBER
          ? aftermath.groupDeleted(doc, mark)
          : aftermath.memberLeft(doc, userId, null, mark);
      });
    });
  }

  /** Nothing changed: the mark goes, and the refusal is the answer. */
  private Future<Void> refused(String groupId, String mark, Future<Void> refusal) {
    return chatFollower.unmark(groupId, mark).compose(v -> refusal);
  }

  private Future<JsonObject> apply(LeaveRule rule, String groupId, String userId) {
    return switch (rule.kind()) {
      case DELETE_AS_LAST_MEMBER -> groups.deleteAsLastMember(groupId, userId);
      case LEAVE_AS_MEMBER -> groups.leaveAsMember(groupId, userId);
      case LEAVE_AS_ONE_OF_ADMINS -> groups.leaveAsOneOfAdmins(groupId, userId);
      case LEAVE_AS_ONLY_ADMIN -> groups.leaveAsOnlyAdmin(groupId, userId, rule.heir());
    };
  }
}
