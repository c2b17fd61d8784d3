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
 * Login attempts per account and per client IP in a fixed window ({@code login_failures}), kept in MongoDB so the
 * limit holds across every auth-service replica.
 *
 * <p>Each attempt is counted <em>before</em> the password is checked, by one atomic {@code $inc} whose answer decides:
 * concurrent attempts each see their own count, so no burst slips past the limit while Argon2 runs. A successful login
 * takes its attempt back. Past the limit a key is not locked for the whole window: it admits one attempt per backoff
 * period (doubling up to a cap), claimed by one conditional update, so an attacker who hammers an account cannot keep
 * its owner out for longer than the cap, and one right password clears the account's count.
 */
public class LoginThrottle {

  static final String LOGIN_FAILURES = "login_failures";

  private final MongoClient mongo;
  private final int maxPerAccount;
  private final int maxPerIp;
  private final Duration window;
  private final long backoffBaseMillis;
  private final long backoffMaxMillis;

  /** What the throttle decided for one attempt: go ahead, or wait this long. */
  public record Decision(boolean allowed, long retryAfterSeconds) {
  }

  public LoginThrottle(MongoClient mongo, int maxPerAccount, int maxPerIp, Duration window, Duration backoffBase, Duration backoffMax) {
    this.mongo = mongo;
    this.maxPerAccount = maxPerAccount;
    this.maxPerIp = maxPerIp;
    this.window = window;
    this.backoffBaseMillis = backoffBase.toMillis();
    this.backoffMaxMillis = backoffMax.toMillis();
  }

  /** Counts the attempt on both keys, then decides: the IP key is counted only when the account key lets it through. */
  public Future<Decision> attempt(String email, String ip) {
    return admit(accountKey(email), maxPerAccount).compose(account -> account.allowed()
      ? admit(ipKey(ip), maxPerIp).compose(perIp -> perIp.allowed()
        ? Future.succeededFuture(perIp)
        : takeBack(accountKey(email)).map(perIp))
      : Future.succeededFuture(account));
  }

  /** The password was right: the account starts afresh and the IP gets its attempt back. */
  public Future<Void> succeeded(String email, String ip) {
    return mongo.removeDocument(LOGIN_FAILURES, new JsonObject().put("_id", accountKey(email)))
      .compose(v -> takeBack(ipKey(ip)));
  }

  private static String accountKey(String email) {
    return "account:" + email;
  }

  private static String ipKey(String ip) {
    return "ip:" + ip;
  }

  private Future<Decision> admit(String key, int max) {
    Instant now = Instant.now();
    return count(key, now).compose(earlier -> {
      if (earlier < max - 1) {
        return Future.succeededFuture(new Decision(true, 0));
      }
      // The last free attempt closes the gate behind it; later ones pass one per backoff period, claimed atomically.
      long backoff = backoffMillis(earlier - (max - 1));
      JsonObject open = new JsonObject().put("_id", key).put("$or", new JsonArray()
        .add(new JsonObject().put("gateUntil", new JsonObject().put("$exists", false)))
        .add(new JsonObject().put("gateUntil", new JsonObject().put("$lte", Dates.of(now)))));
      return mongo.updateCollection(LOGIN_FAILURES, open,
          new JsonObject().put("$set", new JsonObject().put("gateUntil", Dates.of(now.plusMillis(backoff)))))
        .compose(r -> r.getDocModified() == 1
          ? Future.succeededFuture(new Decision(true, 0))
          : gateWait(key, now).compose(wait -> takeBack(key).map(new Decision(false, wait))));
    });
  }

  private long backoffMillis(int excess) {
    long delay = backoffBaseMillis << Math.min(Math.max(excess, 0), 20);
    return Math.min(delay, backoffMaxMillis);
  }

  /** Counts this attempt and answers how many came before it in the current window (0 for the first). */
  private Future<Integer> count(String key, Instant now) {
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

  /** A refused attempt does not count: only attempts that reached the password check build up the backoff. */
  private Future<Void> takeBack(String key) {
    return mongo.updateCollection(LOGIN_FAILURES,
        new JsonObject().put("_id", key).put("count", new JsonObject().put("$gt", 0)),
        new JsonObject().put("$inc", new JsonObject().put("count", -1)))
      .mapEmpty();
  }

  private Future<Long> gateWait(String key, Instant now) {
    return mongo.findOne(LOGIN_FAILURES, new JsonObject().put("_id", key), null).map(doc -> {
      Object until = doc == null ? null : doc.getValue("gateUntil");
      long millis = until == null ? backoffBaseMillis : Duration.between(now, Dates.toInstant(until)).toMillis();
      return Math.max(1, (millis + 999) / 1000);
    });
  }
}
