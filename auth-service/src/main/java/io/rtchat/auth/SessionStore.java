package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.List;

/**
 * {@code sessions}: one document per login (refresh-token family; its id is the access tokens' session id), holding
 * the token version it was started under and, once it ended, when. Each refresh checks this record after inserting
 * the next token, so ending a login first here and then deleting its tokens wins every race with a refresh. The
 * record also outlives the tokens, so a gateway started later can learn which logins ended.
 */
class SessionStore {

  static final String SESSIONS = "sessions";

  private final MongoClient mongo;

  SessionStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return Mongo.index(mongo, SESSIONS, new JsonObject().put("userId", 1))
      .compose(v -> Mongo.index(mongo, SESSIONS, new JsonObject().put("endedAt", 1)));
  }

  Future<Void> open(String sessionId, String userId, int tokenVersion) {
    return mongo.insert(SESSIONS, new JsonObject()
      .put("_id", sessionId)
      .put("userId", userId)
      .put("tokenVersion", tokenVersion)
      .put("createdAt", Dates.now())
      .put("endedAt", null)).mapEmpty();
  }

  Future<JsonObject> byId(String sessionId) {
    return mongo.findOne(SESSIONS, new JsonObject().put("_id", sessionId), null);
  }

  /** Marks the login ended (the first end counts); upserted, so even a login without a record is remembered as ended. */
  Future<Void> end(String sessionId, String userId, Instant now) {
    return mongo.updateCollectionWithOptions(SESSIONS,
      new JsonObject().put("_id", sessionId).put("endedAt", null),
      new JsonObject()
        .put("$set", new JsonObject().put("endedAt", Dates.of(now)))
        .put("$setOnInsert", new JsonObject().put("userId", userId)),
      new UpdateOptions().setUpsert(true))
      .<Void>mapEmpty()
      .recover(err -> Mongo.isDuplicateKey(err) ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(err)); // ended already
  }

  /** The ids of logins ended after {@code since}. */
  Future<List<String>> endedSince(Instant since) {
    return mongo.findWithOptions(SESSIONS,
        new JsonObject().put("endedAt", new JsonObject().put("$gt", Dates.of(since))),
        new FindOptions().setFields(new JsonObject().put("_id", 1)))
      .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }
}
