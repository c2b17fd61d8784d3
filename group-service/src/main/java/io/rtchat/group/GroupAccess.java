package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Who may act on a group, as pure decisions on the group document, and why a conditional update matched nothing.
 * The stores' filters enforce the rules atomically; these explain a refusal with the right code afterwards.
 */
final class GroupAccess {

  private GroupAccess() {
  }

  /** Why the caller may not act on this group: 404 no group, 403 not a member, 403 not an admin; null when they may. */
  static ErrorCode refusal(String userId, JsonObject group, boolean needAdmin) {
    if (group == null) {
      return ErrorCode.GROUP_NOT_FOUND;
    }
    if (!GroupViews.ids(group, "members").contains(userId)) {
      return ErrorCode.GROUP_NOT_MEMBER;
    }
    if (needAdmin && !GroupViews.ids(group, "admins").contains(userId)) {
      return ErrorCode.GROUP_NOT_ADMIN;
    }
    return null;
  }

  /** {@link #refusal} as a failed future, or null when the caller may act. */
  static <T> Future<T> refuse(String userId, JsonObject group, boolean needAdmin) {
    ErrorCode code = refusal(userId, group, needAdmin);
    if (code == null) {
      return null;
    }
    return Errors.fail(code, switch (code) {
      case GROUP_NOT_FOUND -> "No such group";
      case GROUP_NOT_MEMBER -> "You are not a member of this group";
      default -> "Only admins can do this";
    });
  }

  /** Why an admin action about another member matched nothing: the caller's rights, or that user is no member. */
  static <T> Future<T> whyNotForMember(String userId, JsonObject group) {
    Future<T> refusal = refuse(userId, group, true);
    return refusal != null ? refusal : Errors.fail(ErrorCode.GROUP_MEMBER_NOT_FOUND, "This user is not a member of the group");
  }

  /** Why an admin action on the group itself matched nothing. */
  static <T> Future<T> whyNotAsAdmin(String userId, JsonObject group) {
    Future<T> refusal = refuse(userId, group, true);
    return refusal != null ? refusal : Errors.fail(ErrorCode.GROUP_NOT_ADMIN, "The group changed meanwhile; try again");
  }

  /** Why joining or declining matched nothing: no group (404), already a member (409), or not invited (403). */
  static ErrorCode whyNotInvited(String userId, JsonObject group) {
    if (group == null) {
      return ErrorCode.GROUP_NOT_FOUND;
    }
    if (GroupViews.ids(group, "members").contains(userId)) {
      return ErrorCode.GROUP_ALREADY_MEMBER;
    }
    return ErrorCode.GROUP_NOT_INVITED;
  }

  static <T> Future<T> failNotInvited(String userId, JsonObject group) {
    ErrorCode code = whyNotInvited(userId, group);
    return Errors.fail(code, switch (code) {
      case GROUP_NOT_FOUND -> "No such group";
      case GROUP_ALREADY_MEMBER -> "You are already a member";
      default -> "You have no invitation to this group";
    });
  }
}
