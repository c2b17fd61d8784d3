package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The receiver accepts or rejects a pending friend request, or its sender cancels it. Each is one conditional update
 * ({@code {_id, receiver|sender: caller, status: "pending"}}), so of two concurrent accepts exactly one succeeds;
 * accepting then adds each user to the other's {@code friends}.
 */
class AnswerFriendRequest {

  private static final Logger log = LoggerFactory.getLogger(AnswerFriendRequest.class);

  private final AuthService auth;
  private final InvitationStore invitations;
  private final SocialStore social;
  private final FriendEvents events;

  AnswerFriendRequest(AuthService auth, InvitationStore invitations, SocialStore social, FriendEvents events) {
    this.auth = auth;
    this.invitations = invitations;
    this.social = social;
    this.events = events;
  }

  Future<JsonObject> accept(String userId, String requestId) {
    return closed(userId, requestId, () -> invitations.acceptFriendRequest(requestId, userId))
      .compose(doc -> Future.all(
          social.addFriend(doc.getString("sender"), doc.getString("receiver")),
          social.addFriend(doc.getString("receiver"), doc.getString("sender")))
        .map(v -> doc))
      .compose(doc -> announce(doc, EventTypes.FRIEND_REQUEST_ACCEPTED));
  }

  Future<JsonObject> reject(String userId, String requestId) {
    return closed(userId, requestId, () -> invitations.rejectFriendRequest(requestId, userId))
      .compose(doc -> announce(doc, EventTypes.FRIEND_REQUEST_REJECTED));
  }

  Future<Void> cancel(String userId, String requestId) {
    return closed(userId, requestId, () -> invitations.cancelFriendRequest(requestId, userId))
      .compose(doc -> announce(doc, EventTypes.FRIEND_REQUEST_CANCELLED))
      .mapEmpty();
  }

  /** Runs the closing update; when it matched nothing, reads the request to say why. */
  private Future<JsonObject> closed(String userId, String requestId, Supplier<Future<JsonObject>> close) {
    return Input.checkId("requestId", requestId)
      .compose(v -> close.get())
      .compose(doc -> doc != null ? Future.succeededFuture(doc)
        : invitations.byId(requestId).compose(stored -> FriendRequestRules.refusal(userId, stored)));
  }

  /** Tells both sides (every device) what became of the request, and answers it. */
  private Future<JsonObject> announce(JsonObject doc, String type) {
    return GroupViews.withProfiles(auth, GroupViews.invitation(doc)).map(view -> {
      log.info("friend request {} requestId={}", view.getString("status"), view.getString("id"));
      events.requestAnswered(view, type);
      return view;
    });
  }
}
