package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.time.Instant;

/**
 * {@code refresh_tokens}: one document per issued refresh token, holding only its hash. Tokens of one login form a
 * family; each use marks the token used and issues the next in the family. Presenting a used token again means it
 * leaked, so the whole family (that login) is revoked.
 */
public class RefreshTokenStore {

  static final String REFRESH_TOKENS = "refresh_tokens";

  private final MongoClient mongo;

  public RefreshTokenStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, REFRESH_TOKENS, new JsonObject().put("tokenHash", 1))
      .compose(v -> Mongo.index(mongo, REFRESH_TOKENS, new JsonObject().put("family", 1)))
      .compose(v -> Mongo.index(mongo, REFRESH_TOKENS, new JsonObject().put("userId", 1)));
  }

  public Future<Void> insert(String userId, String family, String tokenHash, Instant expiresAt) {
    JsonObject doc = new JsonObject()
      .put("_id", Ids.newId())
      .put("userId", userId)
      .put("family", family)
      .put("tokenHash", tokenHash)
      .put("createdAt", Dates.now())
      .put("expiresAt", Dates.of(expiresAt))
      .put("usedAt", null);
    return mongo.insert(REFRESH_TOKENS, doc).mapEmpty();
  }

  /** Atomically marks an unused token used; null when it does not exist or was used already. */
  public Future<JsonObject> use(String tokenHash) {
    JsonObject query = new JsonObject().put("tokenHash", tokenHash).put("usedAt", null);
    return mongo.findOneAndUpdate(REFRESH_TOKENS, query,
      new JsonObject().put("$set", new JsonObject().put("usedAt", Dates.now())));
  }

  public Future<JsonObject> byHash(String tokenHash) {
    return mongo.findOne(REFRESH_TOKENS, new JsonObject().put("tokenHash", tokenHash), null);
  }

  public Future<Void> revokeFamily(String family) {
    return mongo.removeDocuments(REFRESH_TOKENS, new JsonObject().put("family", family)).mapEmpty();
  }

  public Future<Void> revokeAllOf(String userId) {
    return mongo.removeDocuments(REFRESH_TOKENS, new JsonObject().put("userId", userId)).mapEmpty();
  }
}
