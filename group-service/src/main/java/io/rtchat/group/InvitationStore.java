package io.rtchat.group;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.util.List;

/**
 * Every query on {@code invitations}: the seed's invitation request ({@code sender, receiver, content, status,
 * createdAt}) plus {@code kind} ("friend" | "group"), {@code groupId} and {@code pendingKey}. {@code pendingKey} has a
 * unique index and makes a pending invitation unique: {@code friend:<lowerId>:<higherId>} (either direction) or
 * {@code group:<groupId>:<userId>}. When an invitation leaves "pending" its key becomes {@code closed:<random id>}:
 * mongo-java-server ignores partial indexes (and counts a missing field as null), so the key is never removed.
 */
public class InvitationStore {

  static final String INVITATIONS = "invitations";
  static final String PENDING = "pending";
  /** The two kinds of invitation. */
  static final String FRIEND = "friend";
  static final String GROUP = "group";

  private final MongoClient mongo;

  public InvitationStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, INVITATIONS, new JsonObject().put("pendingKey", 1))
      .compose(v -> Mongo.index(mongo, INVITATIONS, new JsonObject().put("receiver", 1).put("kind", 1).put("status", 1)))
      .compose(v -> Mongo.index(mongo, INVITATIONS, new JsonObject().put("sender", 1).put("kind", 1).put("status", 1)))
      .compose(v -> Mongo.index(mongo, INVITATIONS, new JsonObject().put("groupId", 1)));
  }

  static String friendKey(String a, String b) {
    return a.compareTo(b) < 0 ? "friend:" + a + ":" + b : "friend:" + b + ":" + a;
  }

  static String groupKey(String groupId, String userId) {
    return "group:" + groupId + ":" + userId;
  }

  /** A new pending friend request; fails with a duplicate key (E11000) when one is pending between the two. */
  public Future<JsonObject> insertFriendRequest(String senderId, String receiverId, String content) {
    return insertPending(FRIEND, senderId, receiverId, content, null, friendKey(senderId, receiverId));
  }

  /** A new pending group invitation; fails with a duplicate key (E11000) when the user already has one. */
  public Future<JsonObject> insertGroupInvitation(String senderId, String inviteeId, String groupId, String groupName) {
    return insertPending(GROUP, senderId, inviteeId, groupName, groupId, groupKey(groupId, inviteeId));
  }

  private Future<JsonObject> insertPending(String kind, String sender, String receiver, String content, String groupId,
                                          String pendingKey) {
    JsonObject doc = new JsonObject()
      .put("_id", Ids.newId())
      .put("kind", kind)
      .put("sender", sender)
      .put("receiver", receiver)
      .put("content", content)
      .put("groupId", groupId)
      .put("status", PENDING)
      .put("pendingKey", pendingKey)
      .put("createdAt", Dates.now());
    return mongo.insert(INVITATIONS, doc).map(id -> doc);
  }

  /** The friend request pending between the two users, in either direction; null when none. */
  public Future<JsonObject> pendingFriendRequestBetween(String a, String b) {
    return mongo.findOne(INVITATIONS, new JsonObject().put("pendingKey", friendKey(a, b)).put("status", PENDING), null);
  }

  public Future<JsonObject> byId(String id) {
    return mongo.findOne(INVITATIONS, new JsonObject().put("_id", id), null);
  }

  public Future<JsonObject> acceptFriendRequest(String requestId, String receiverId) {
    return close(friendRequest(requestId).put("receiver", receiverId), "accepted");
  }

  public Future<JsonObject> rejectFriendRequest(String requestId, String receiverId) {
    return close(friendRequest(requestId).put("receiver", receiverId), "rejected");
  }

  public Future<JsonObject> cancelFriendRequest(String requestId, String senderId) {
    return close(friendRequest(requestId).put("sender", senderId), "cancelled");
  }

  /** Closes the user's pending invitation to the group (after the group itself let them join or decline). */
  public Future<JsonObject> closeGroupInvitation(String groupId, String userId, String status) {
    return close(new JsonObject().put("pendingKey", groupKey(groupId, userId)), status);
  }

  private static JsonObject friendRequest(String requestId) {
    return new JsonObject().put("_id", requestId).put("kind", FRIEND);
  }

  /**
   * Moves one pending invitation matching {@code filter} to {@code status} in one atomic update, and answers it
   * after the change; null when no pending invitation matched (someone else got there first, or it is not yours).
   * So of two concurrent accepts exactly one succeeds.
   */
  private Future<JsonObject> close(JsonObject filter, String status) {
    JsonObject query = filter.copy().put("status", PENDING);
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("status", status)
      .put("pendingKey", "closed:" + Ids.newId())
      .put("updatedAt", Dates.now()));
    return mongo.findOneAndUpdateWithOptions(INVITATIONS, query, update, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  /** Pending friend requests the user received ({@code incoming}) or sent, newest first, limit+1. */
  public Future<List<JsonObject>> pendingFriendRequests(String userId, boolean incoming, String before, int limit) {
    return pending(FRIEND, incoming ? "receiver" : "sender", userId, before, limit);
  }

  /** Pending group invitations the user received, newest first, limit+1. */
  public Future<List<JsonObject>> pendingGroupInvitations(String userId, String before, int limit) {
    return pending(GROUP, "receiver", userId, before, limit);
  }

  private Future<List<JsonObject>> pending(String kind, String role, String userId, String before, int limit) {
    JsonObject query = new JsonObject().put(role, userId).put("kind", kind).put("status", PENDING);
    if (before != null) {
      query.put("_id", new JsonObject().put("$lt", before));
    }
    return mongo.findWithOptions(INVITATIONS, query,
      new FindOptions().setSort(new JsonObject().put("_id", -1)).setLimit(limit + 1));
  }

  /** Drops the pending invitations of a deleted group. */
  public Future<Void> removePendingOfGroup(String groupId) {
    return mongo.removeDocuments(INVITATIONS, new JsonObject().put("groupId", groupId).put("status", PENDING)).mapEmpty();
  }
}
