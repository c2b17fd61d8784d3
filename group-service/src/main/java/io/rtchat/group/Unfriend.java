package io.rtchat.group;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a friendship on both sides; 404 when the two are not friends. */
class Unfriend {

  private static final Logger log = LoggerFactory.getLogger(Unfriend.class);

  private final SocialStore social;
  private final FriendEvents events;

  Unfriend(SocialStore social, FriendEvents events) {
    this.social = social;
    this.events = events;
  }

  Future<Void> remove(String userId, String friendId) {
    return Input.checkId("userId", friendId)
      .compose(v -> social.removeFriend(userId, friendId))
      .compose(removed -> removed ? social.removeFriend(friendId, userId) : Errors.fail(ErrorCode.FRIEND_NOT_FOUND, "You are not friends"))
      .onSuccess(v -> {
        log.info("friendship ended userId={} friendId={}", userId, friendId);
        events.friendshipEnded(userId, friendId);
      })
      .mapEmpty();
  }
}
