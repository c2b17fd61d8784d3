package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code login_failures}: one document per throttled key ({@code account:<email>}, {@code ip:<address>}) holding the
 * attempts of the current window and, past the limit, the instant its gate opens again. Kept in MongoDB so the
 * limit holds across every auth-service replica; each change is one atomic update.
 */
class LoginAttemptStore {

  static final String LOGIN_FAILURES = "login_failures";

  private final MongoClient mongo;

  LoginAttemptStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Counts this attempt and answers how many came before it in the current window (0 for the first). */
  Future<Integer> countAttempt(String key, Instant now, Duration window) {
    JsonObject expired = new JsonObject().put("_id", key)
      .put("windowStart", new JsonObject().put("$lt", Dates.of(now.minus(window))));
    return mongo.updateCollection(LOGIN_FAILURES, expired, new JsonObject()
        .put("$set", new JsonObject().put("count", 0).put("windowStart", Dates.of(now)))
        .put("$unset", new JsonObject().put("gateUntil", "")))
      .compose(v -> increment(key, now))
      .recover(err -> Mongo.isDuplicateKey(err) ? increment(key, now) : Future.failedFuture(err)); // two first upserts raced
  }

  private Future<Integer> increment(String key, Instant now) {
    return mongo.findOneAndUpdateWithOptions(LOGIN_FAILURES, new JsonObject().put("_id", key),
        new JsonObject()
          .put("$inc", new JsonObject().put("count", 1))
          .put("$setOnInsert", new JsonObject().put("windowStart", Dates.of(now))),
        new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
      .map(doc -> doc == null ? 1 : doc.getInteger("count", 1) - 1);
  }

  /** Passes the gate if it is open (never closed, or its time is up) and closes it until {@code until}; false when shut. */
  Future<Boolean> passGate(String key, Instant now, Instant until) {
    JsonObject open = new JsonObject().put("_id", key).put("$or", new JsonArray()
      .add(new JsonObject().put("gateUntil", new JsonObject().put("$exists", false)))
      .add(new JsonObject().put("gateUntil", new JsonObject().put("$lte", Dates.of(now)))));
    return mongo.updateCollection(LOGIN_FAILURES, open,
        new JsonObject().put("$set", new JsonObject().put("gateUntil", Dates.of(until))))
      .map(r -> r.getDocModified() == 1);
  }

  /** When the key's gate opens again; null when it has none. */
  Future<Instant> gateUntil(String key) {
    return mongo.findOne(LOGIN_FAILURES, new JsonObject().put("_id", key), null).map(doc -> {
      Object until = doc == null ? null : doc.getValue("gateUntil");
      return until == null ? null : Dates.toInstant(until);
    });
  }

  /** Takes one counted attempt back (never below zero). */
  Future<Void> takeBack(String key) {
    return mongo.updateCollection(LOGIN_FAILURES,
        new JsonObject().put("_id", key).put("count", new JsonObject().put("$gt", 0)),
        new JsonObject().put("$inc", new JsonObject().put("count", -1)))
      .mapEmpty();
  }

  /** Forgets the key: its window, count and gate. */
  Future<Void> clear(String key) {
    return mongo.removeDocument(LOGIN_FAILURES, new JsonObject().put("_id", key)).mapEmpty();
  }
}
