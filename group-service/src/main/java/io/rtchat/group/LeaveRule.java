package io.rtchat.group;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Which way a member leaves a group, decided from the group as last read: the last member deletes it; a member who
 * is not an admin, or one of several admins, just leaves; the only admin leaves and hands admin to the
 * longest-standing other member (the first in join order). Each case maps to one conditional update in
 * {@link GroupStore} that holds the case in its filter, so a decision made on a stale read simply matches nothing.
 */
record LeaveRule(Case kind, String heir) {

  enum Case { DELETE_AS_LAST_MEMBER, LEAVE_AS_MEMBER, LEAVE_AS_ONE_OF_ADMINS, LEAVE_AS_ONLY_ADMIN }

  /** The case for a member of {@code group} (the caller checked membership). */
  static LeaveRule decide(JsonObject group, String userId) {
    List<String> members = GroupViews.ids(group, "members");
    List<String> admins = GroupViews.ids(group, "admins");
    if (members.size() == 1) {
      return new LeaveRule(Case.DELETE_AS_LAST_MEMBER, null);
    }
    if (!admins.contains(userId)) {
      return new LeaveRule(Case.LEAVE_AS_MEMBER, null);
    }
    if (admins.size() > 1) {
      return new LeaveRule(Case.LEAVE_AS_ONE_OF_ADMINS, null);
    }
    String heir = members.stream().filter(id -> !id.equals(userId)).findFirst().orElseThrow();
    return new LeaveRule(Case.LEAVE_AS_ONLY_ADMIN, heir);
  }
}
