package io.rtchat.ai;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;

/**
 * {@code ai_chats}: the seed's AI Chat entity without its message array — one small document per user
 * {@code {userId (unique), chatId, pinned, createdAt, updatedAt, replyInFlight}}. The messages are ordinary messages
 * of the chat {@code chatId} (in {@code messages}, by chatId and seq): an array of them here would grow without bound.
 * {@code pinned} is the seed's flag as the chat was created (pinned); pins themselves live on the chat
 * ({@code pinnedBy}) like any chat's. {@code replyInFlight {leaseId, clientMsgId, instance, expiresAt, question?}} is the one
 * reply a user may have running, claimed by a conditional update so that two instances cannot both start one; the
 * lease expires, so a crashed instance blocks nobody for longer than {@link #LEASE_MILLIS}.
 */
final class AiChatStore {

  static final String AI_CHATS = "ai_chats";
  /** A running reply renews its lease every third of this. */
  static final long LEASE_MILLIS = 60_000;

  private final MongoClient mongo;

  AiChatStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, AI_CHATS, new JsonObject().put("userId", 1));
  }

  /** Succeeds when the database answers. */
  Future<Void> ping() {
    return Mongo.ping(mongo);
  }

  Future<JsonObject> byUser(String userId) {
    return mongo.findOne(AI_CHATS, new JsonObject().put("userId", userId), null);
  }

  /** Records the user's AI chat unless recorded (the unique userId decides a race) and answers the document. */
  Future<JsonObject> link(String userId, String chatId) {
    JsonObject now = Dates.now();
    JsonObject onInsert = new JsonObject().put("_id", Ids.newId()).put("userId", userId).put("chatId", chatId)
      .put("pinned", true).put("replyInFlight", null).put("createdAt", now).put("updatedAt", now);
    return mongo.updateCollectionWithOptions(AI_CHATS, new JsonObject().put("userId", userId),
        new JsonObject().put("$setOnInsert", onInsert), new UpdateOptions().setUpsert(true))
      .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture() : Future.failedFuture(err))
      .compose(v -> byUser(userId));
  }

  /** Claims the user's one reply slot when it is free or its lease ran out; false when another reply holds it. */
  Future<Boolean> claimReply(String userId, String leaseId, String clientMsgId, String instance) {
    Instant now = Instant.now();
    JsonObject free = new JsonObject().put("$or", new JsonArray()
      .add(new JsonObject().put("replyInFlight", null))
      .add(new JsonObject().put("replyInFlight.expiresAt", new JsonObject().put("$lt", Dates.of(now)))));
    JsonObject lease = new JsonObject().put("leaseId", leaseId).put("clientMsgId", clientMsgId)
      .put("instance", instance).put("expiresAt", Dates.of(now.plusMillis(LEASE_MILLIS)));
    return mongo.findOneAndUpdateWithOptions(AI_CHATS, new JsonObject().put("userId", userId).mergeIn(free),
        new JsonObject().put("$set", new JsonObject().put("replyInFlight", lease).put("updatedAt", Dates.of(now))),
        new FindOptions().setFields(new JsonObject().put("_id", 1)), new UpdateOptions())
      .map(before -> before != null);
  }

  /** Keeps the stored question on its lease, so a retry of it while the reply runs is answered without a send. */
  Future<Void> recordQuestion(String userId, String leaseId, JsonObject message) {
    return mongo.updateCollection(AI_CHATS, new JsonObject().put("userId", userId).put("replyInFlight.leaseId", leaseId),
      new JsonObject().put("$set", new JsonObject().put("replyInFlight.question", message))).mapEmpty();
  }

  /** Extends a running reply's lease (no-op when the lease is no longer this reply's). */
  Future<Void> renewReply(String userId, String leaseId) {
    return mongo.updateCollection(AI_CHATS, new JsonObject().put("userId", userId).put("replyInFlight.leaseId", leaseId),
      new JsonObject().put("$set", new JsonObject()
        .put("replyInFlight.expiresAt", Dates.of(Instant.now().plusMillis(LEASE_MILLIS))))).mapEmpty();
  }

  /** Frees the slot if this reply still holds it. */
  Future<Void> releaseReply(String userId, String leaseId) {
    return mongo.updateCollection(AI_CHATS, new JsonObject().put("userId", userId).put("replyInFlight.leaseId", leaseId),
      new JsonObject().put("$set", new JsonObject().put("replyInFlight", null).put("updatedAt", Dates.now()))).mapEmpty();
  }

  /** The reply holding the user's slot now (null when none, or only an expired one). */
  static JsonObject liveLease(JsonObject doc) {
    JsonObject lease = doc == null ? null : doc.getJsonObject("replyInFlight");
    if (lease == null) {
      return null;
    }
    Instant expires = Dates.toInstant(lease.getValue("expiresAt"));
    return expires != null && expires.isAfter(Instant.now()) ? lease : null;
  }
}
