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

  public static String friendKey(String a, String b) {
    return a.compareTo(b) < 0 ? "friend:" + a + ":" + b : "friend:" + b + ":" + a;
  }

  public static String groupKey(String groupId, String userId) {
    return "group:" + groupId + ":" + userId;
  }

  /** A new pending invitation; fails with a duplicate key (E11000) when one is pending for the same key. */
  public Future<JsonObject> insertPending(String kind, String sender, String receiver, String content, String groupId,
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

  public Future<JsonObject> pendingByKey(String pendingKey) {
    return mongo.findOne(INVITATIONS, new JsonObject().put("pendingKey", pendingKey).put("status", PENDING), null);
  }

  public Future<JsonObject> byId(String id) {
    return mongo.findOne(INVITATIONS, new JsonObject().put("_id", id), null);
  }

  /**
   * Moves one pending invitation matching {@code filter} to {@code status} in one atomic update, and answers it
   * after the change; null when no pending invitation matched (someone else got there first, or it is not yours).
   */
  public Future<JsonObject> close(JsonObject filter, String status) {
    JsonObject query = filter.copy().put("status", PENDING);
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("status", status)
      .put("pendingKey", "closed:" + Ids.newId())
      .put("updatedAt", Dates.now()));
    return mongo.findOneAndUpdateWithOptions(INVITATIONS, query, update, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  /** Pending invitations of a kind where {@code role} ("sender" or "receiver") is the user, newest first. */
  public Future<List<JsonObject>> pending(String kind, String role, String userId, String before, int limit) {
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
