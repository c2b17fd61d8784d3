package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The pure rules of friend requests: why an answer was refused, and which request already stands between two users. */
final class FriendRequestRules {

  private FriendRequestRules() {
  }

  /**
   * Why accepting, rejecting or cancelling matched nothing, from the request as stored: unknown or not yours (404),
   * no longer pending (409), or the wrong side (403: only the receiver answers, only the sender cancels).
   */
  static <T> Future<T> refusal(String userId, JsonObject request) {
    if (request == null || !InvitationStore.FRIEND.equals(request.getString("kind"))
      || !(userId.equals(request.getString("sender")) || userId.equals(request.getString("receiver")))) {
      return Errors.fail(ErrorCode.FRIEND_REQUEST_NOT_FOUND, "No such friend request");
    }
    if (!InvitationStore.PENDING.equals(request.getString("status"))) {
      return Errors.fail(ErrorCode.FRIEND_REQUEST_NOT_PENDING, "This request is already " + request.getString("status"));
    }
    return Errors.fail(ErrorCode.FORBIDDEN, userId.equals(request.getString("sender"))
      ? "Only the receiver can answer a friend request" : "Only the sender can cancel a friend request");
  }

  /** 409 pointing at the request already pending between the two (theirs to accept, or mine to wait for). */
  static <T> Future<T> alreadyPending(String userId, JsonObject existing) {
    if (existing == null) {
      return Errors.fail(ErrorCode.FRIEND_REQUEST_EXISTS, "A friend request between you changed meanwhile; try again");
    }
    String id = existing.getString("_id");
    boolean mine = userId.equals(existing.getString("sender"));
    String message = mine
      ? "You already sent this user a friend request (" + id + ")"
      : "This user already sent you a friend request: accept it instead (" + id + ")";
    return Errors.fail(ErrorCode.FRIEND_REQUEST_EXISTS, message,
      new JsonObject().put("requestId", id).put("direction", mine ? "outgoing" : "incoming"));
  }
}
