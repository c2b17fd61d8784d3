package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Ids;
import io.rtchat.common.Inbox;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Friend requests and friendships. A pending request is unique per pair of users in either direction (the
 * {@code pendingKey} index); accepting, rejecting and cancelling are one conditional update each
 * ({@code {_id, receiver|sender: caller, status: "pending"}}), so of two concurrent accepts exactly one succeeds.
 * Friendship lives in both users' {@code friends} arrays.
 */
class FriendRules {

  private static final Logger log = LoggerFactory.getLogger(FriendRules.class);
  static final String KIND = "friend";

  private final EventBus bus;
  private final AuthService auth;
  private final Notifier notifier;
  private final InvitationStore invitations;
  private final SocialStore social;

  FriendRules(EventBus bus, AuthService auth, Notifier notifier, InvitationStore invitations, SocialStore social) {
    this.bus = bus;
    this.auth = auth;
    this.notifier = notifier;
    this.invitations = invitations;
    this.social = social;
  }

  Future<Boolean> areFriends(String userId, String otherUserId) {
    if (!Ids.isValid(userId) || !Ids.isValid(otherUserId)) {
      return Future.succeededFuture(false);
    }
    return social.areFriends(userId, otherUserId);
  }

  Future<JsonArray> friendIds(String userId) {
    if (!Ids.isValid(userId)) {
      return Future.succeededFuture(new JsonArray());
    }
    return social.friendsOf(userId).map(ids -> ids == null ? new JsonArray() : new JsonArray(ids));
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
    String key = InvitationStore.friendKey(userId, receiverId);
    return auth.getProfiles(List.of(receiverId))
      .compose(found -> found.isEmpty() ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user") : social.areFriends(userId, receiverId))
      .compose(friends -> friends ? Errors.fail(ErrorCode.FRIEND_ALREADY, "You are already friends") : invitations.pendingByKey(key))
      .compose(existing -> existing != null
        ? alreadyPending(userId, existing)
        : invitations.insertPending(KIND, userId, receiverId, content == null ? "" : content, null, key)
          .recover(err -> Mongo.isDuplicateKey(err)
            ? invitations.pendingByKey(key).compose(raced -> alreadyPending(userId, raced))
            : Future.failedFuture(err)))
      .compose(doc -> GroupViews.withProfiles(auth, List.of(GroupViews.invitation(doc))).map(views -> views.get(0)))
      .onSuccess(view -> {
        log.info("friend request sent requestId={} senderId={} receiverId={}", view.getString("id"), userId, receiverId);
        Inbox.publish(bus, receiverId, EventTypes.FRIEND_REQUEST_NEW, view);
        notifier.notify(List.of(receiverId), "friend_request", "sent you a friend request", view.getString("id"), userId);
      });
  }

  /** 409 pointing at the request already pending between the two (theirs to accept, or mine to wait for). */
  private static <T> Future<T> alreadyPending(String userId, JsonObject existing) {
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

  Future<JsonObject> list(String userId, String direction, String before, int limit) {
    String dir = direction == null || direction.isBlank() ? "incoming" : direction;
    if (!dir.equals("incoming") && !dir.equals("outgoing")) {
      return Errors.fail(ErrorCode.VALIDATION, "direction must be incoming or outgoing",
        new JsonObject().put("direction", "must be incoming or outgoing"));
    }
    int size = Paging.limit(limit);
    return cursor("before", before)
      .compose(v -> invitations.pending(KIND, dir.equals("incoming") ? "receiver" : "sender", userId, before, size))
      .compose(docs -> GroupViews.withProfiles(auth, docs.stream().map(GroupViews::invitation).toList()))
      .map(views -> Paging.page(views, size));
  }

  Future<JsonObject> accept(String userId, String requestId) {
    return Input.checkId("requestId", requestId)
      .compose(v -> invitations.close(new JsonObject().put("_id", requestId).put("kind", KIND).put("receiver", userId), "accepted"))
      .compose(doc -> doc == null ? explain(userId, requestId) : Future.succeededFuture(doc))
      .compose(doc -> Future.all(
          social.addFriend(doc.getString("sender"), doc.getString("receiver")),
          social.addFriend(doc.getString("receiver"), doc.getString("sender")))
        .map(v -> doc))
      .compose(doc -> announce(doc, EventTypes.FRIEND_REQUEST_ACCEPTED));
  }

  Future<JsonObject> reject(String userId, String requestId) {
    return Input.checkId("requestId", requestId)
      .compose(v -> invitations.close(new JsonObject().put("_id", requestId).put("kind", KIND).put("receiver", userId), "rejected"))
      .compose(doc -> doc == null ? explain(userId, requestId) : Future.succeededFuture(doc))
      .compose(doc -> announce(doc, EventTypes.FRIEND_REQUEST_REJECTED));
  }

  Future<Void> cancel(String userId, String requestId) {
    return Input.checkId("requestId", requestId)
      .compose(v -> invitations.close(new JsonObject().put("_id", requestId).put("kind", KIND).put("sender", userId), "cancelled"))
      .compose(doc -> doc == null ? explain(userId, requestId) : Future.succeededFuture(doc))
      .compose(doc -> announce(doc, EventTypes.FRIEND_REQUEST_CANCELLED))
      .mapEmpty();
  }

  /** Tells both sides (every device) what became of the request, and answers it. */
  private Future<JsonObject> announce(JsonObject doc, String type) {
    return GroupViews.withProfiles(auth, List.of(GroupViews.invitation(doc))).map(views -> {
      JsonObject view = views.get(0);
      log.info("friend request {} requestId={}", view.getString("status"), view.getString("id"));
      Inbox.publish(bus, List.of(view.getString("sender"), view.getString("receiver")), type, view);
      return view;
    });
  }

  /** Why a conditional update matched nothing: unknown or not yours (404), no longer pending (409), wrong side (403). */
  private <T> Future<T> explain(String userId, String requestId) {
    return invitations.byId(requestId).compose(doc -> {
      if (doc == null || !KIND.equals(doc.getString("kind"))
        || !(userId.equals(doc.getString("sender")) || userId.equals(doc.getString("receiver")))) {
        return Errors.fail(ErrorCode.FRIEND_REQUEST_NOT_FOUND, "No such friend request");
      }
      if (!InvitationStore.PENDING.equals(doc.getString("status"))) {
        return Errors.fail(ErrorCode.FRIEND_REQUEST_NOT_PENDING, "This request is already " + doc.getString("status"));
      }
      return Errors.fail(ErrorCode.FORBIDDEN, userId.equals(doc.getString("sender"))
        ? "Only the receiver can answer a friend request" : "Only the sender can cancel a friend request");
    });
  }

  Future<JsonObject> listFriends(String userId, String after, int limit) {
    int size = Paging.limit(limit);
    return cursor("after", after)
      .compose(v -> social.friendsOf(userId))
      .compose(ids -> {
        List<String> window = (ids == null ? List.<String>of() : ids).stream()
          .filter(id -> after == null || id.compareTo(after) > 0)
          .sorted()
          .limit(size + 1L)
          .toList();
        return auth.getProfiles(window).map(profiles -> {
          List<JsonObject> items = new ArrayList<>();
          profiles.forEach(p -> items.add((JsonObject) p));
          items.sort((a, b) -> a.getString("id").compareTo(b.getString("id")));
          return Paging.page(items, size);
        });
      });
  }

  Future<Void> removeFriend(String userId, String friendId) {
    return Input.checkId("userId", friendId)
      .compose(v -> social.removeFriend(userId, friendId))
      .compose(removed -> removed ? social.removeFriend(friendId, userId) : Errors.fail(ErrorCode.FRIEND_NOT_FOUND, "You are not friends"))
      .onSuccess(v -> {
        log.info("friendship ended userId={} friendId={}", userId, friendId);
        Inbox.publish(bus, friendId, EventTypes.FRIEND_REMOVED, new JsonObject().put("userId", userId));
        Inbox.publish(bus, userId, EventTypes.FRIEND_REMOVED, new JsonObject().put("userId", friendId));
      })
      .mapEmpty();
  }

  Future<JsonObject> listNonFriends(String userId, String after, int limit) {
    return cursor("after", after)
      .compose(v -> social.friendsOf(userId))
      .compose(ids -> {
        List<String> excluded = new ArrayList<>(ids == null ? List.of() : ids);
        excluded.add(userId);
        return auth.listProfilesExcept(excluded, after, limit);
      });
  }

  static Future<Void> cursor(String name, String value) {
    return value == null || value.isBlank() ? Future.succeededFuture() : Input.checkId(name, value);
  }
}
