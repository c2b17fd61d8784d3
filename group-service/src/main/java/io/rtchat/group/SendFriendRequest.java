package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A user asks another to be friends. A pending request is unique per pair of users in either direction (the
 * {@code pendingKey} index): a second one, or a race of two, answers 409 naming the request that stands.
 */
class SendFriendRequest {

  private static final Logger log = LoggerFactory.getLogger(SendFriendRequest.class);

  private final AuthService auth;
  private final InvitationStore invitations;
  private final SocialStore social;
  private final FriendEvents events;

  SendFriendRequest(AuthService auth, InvitationStore invitations, SocialStore social, FriendEvents events) {
    this.auth = auth;
    this.invitations = invitations;
    this.social = social;
    this.events = events;
  }

  Future<JsonObject> send(String userId, JsonObject body) {
    Input in = Input.of(body);
    String receiverId = in.requiredId("receiverId");
    String content = in.optionalString("content", 0, 500);
    if (in.invalid()) {
      return in.failure();
    }
    if (receiverId.equals(userId)) {
      return Errors.fail(ErrorCode.FRIEND_SELF, "You cannot send a friend request to yourself");
    }
    return auth.getProfiles(List.of(receiverId))
      .compose(found -> found.isEmpty() ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user") : social.areFriends(userId, receiverId))
      .compose(friends -> friends ? Errors.fail(ErrorCode.FRIEND_ALREADY, "You are already friends")
        : invitations.pendingFriendRequestBetween(userId, receiverId))
      .compose(existing -> existing != null
        ? FriendRequestRules.alreadyPending(userId, existing)
        : invitations.insertFriendRequest(userId, receiverId, content == null ? "" : content)
          .recover(err -> Mongo.isDuplicateKey(err)
            ? invitations.pendingFriendRequestBetween(userId, receiverId)
              .compose(raced -> FriendRequestRules.alreadyPending(userId, raced))
            : Future.failedFuture(err)))
      .compose(doc -> GroupViews.withProfiles(auth, GroupViews.invitation(doc)))
      .onSuccess(view -> {
        log.info("friend request sent requestId={} senderId={} receiverId={}", view.getString("id"), userId, receiverId);
        events.requestSent(view);
      });
  }
}
