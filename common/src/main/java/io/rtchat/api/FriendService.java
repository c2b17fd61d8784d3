package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Friend requests and friendships (served by group-service, which owns the social graph). {@code userId} is always
 * the verified caller. Pages are {@code {items, hasMore}}; {@code limit <= 0} means the default (see PageQuery).
 * A friend request as returned: {@code {id, kind: "friend", sender, receiver, content, status, createdAt,
 * senderProfile, receiverProfile}} ({@code sender}/{@code receiver} are user ids).
 */
@ProxyGen
@VertxGen
public interface FriendService {

  String ADDRESS = Addresses.FRIEND_SERVICE;

  static FriendService createProxy(Vertx vertx) {
    return new FriendServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Whether the two users are friends (chat-service opens 1:1 chats only between friends). */
  Future<Boolean> areFriends(String userId, String otherUserId);

  /** The user's friends' ids (for presence). */
  Future<JsonArray> friendIds(String userId);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();

  /** {@code {receiverId, content?}} → the new pending request; the receiver gets {@code friend_request.new}. */
  Future<JsonObject> sendFriendRequest(String userId, JsonObject body);

  /** My pending friend requests, {@code direction} "incoming" or "outgoing", newest first, {@code before} an id. */
  Future<JsonObject> listFriendRequests(String userId, String direction, String before, int limit);

  /** The receiver accepts: both become friends; answers the accepted request. */
  Future<JsonObject> acceptFriendRequest(String userId, String requestId);

  /** The receiver rejects; answers the rejected request. */
  Future<JsonObject> rejectFriendRequest(String userId, String requestId);

  /** The sender withdraws a pending request. */
  Future<Void> cancelFriendRequest(String userId, String requestId);

  /** My friends' public profiles, by id, {@code after} an id. */
  Future<JsonObject> listFriends(String userId, String after, int limit);

  /** Ends a friendship (both sides). */
  Future<Void> removeFriend(String userId, String friendId);

  /** Verified users who are neither me nor my friends (suggestions), by id, {@code after} an id. */
  Future<JsonObject> listNonFriends(String userId, String after, int limit);
}
