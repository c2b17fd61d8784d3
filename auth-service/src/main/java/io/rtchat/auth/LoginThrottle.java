package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts failed logins per account and per client IP in a fixed window ({@code login_failures}). Kept in MongoDB,
 * not in memory, so the limit holds across every auth-service replica.
 */
public class LoginThrottle {

  static final String LOGIN_FAILURES = "login_failures";

  private final MongoClient mongo;
  private final int maxPerAccount;
  private final int maxPerIp;
  private final Duration window;

  public LoginThrottle(MongoClient mongo, int maxPerAccount, int maxPerIp, Duration window) {
    this.mongo = mongo;
    this.maxPerAccount = maxPerAccount;
    this.maxPerIp = maxPerIp;
    this.window = window;
  }

  /** True when either counter is at its limit within the current window. */
  public Future<Boolean> blocked(String email, String ip) {
    return count("account:" + email).compose(account -> account >= maxPerAccount
      ? Future.succeededFuture(true)
      : count("ip:" + ip).map(perIp -> perIp >= maxPerIp));
  }

  public Future<Void> recordFailure(String email, String ip) {
    return increment("account:" + email).compose(v -> increment("ip:" + ip));
  }

  public Future<Void> clearAccount(String email) {
    return mongo.removeDocument(LOGIN_FAILURES, new JsonObject().put("_id", "account:" + email)).mapEmpty();
  }

  private Future<Integer> count(String key) {
    return mongo.findOne(LOGIN_FAILURES, new JsonObject().put("_id", key), null).map(doc -> {
      if (doc == null || Dates.toInstant(doc.getValue("windowStart")).isBefore(Instant.now().minus(window))) {
        return 0;
      }
      return doc.getInteger("count", 0);
    });
  }

  private Future<Void> increment(String key) {
    Instant now = Instant.now();
    JsonObject expired = new JsonObject().put("_id", key)
      .put("windowStart", new JsonObject().put("$lt", Dates.of(now.minus(window))));
    return mongo.updateCollection(LOGIN_FAILURES, expired,
        new JsonObject().put("$set", new JsonObject().put("count", 0).put("windowStart", Dates.of(now))))
      .compose(v -> mongo.updateCollectionWithOptions(LOGIN_FAILURES, new JsonObject().put("_id", key),
        new JsonObject()
          .put("$inc", new JsonObject().put("count", 1))
          .put("$setOnInsert", new JsonObject().put("windowStart", Dates.of(now))),
        new UpdateOptions().setUpsert(true)))
      .mapEmpty();
  }
}
