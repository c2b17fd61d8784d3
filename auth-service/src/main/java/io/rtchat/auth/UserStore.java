package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Every query on {@code users}. Each state change is a single conditional update, so concurrent calls cannot race. */
public class UserStore {

  static final String USERS = "users";

  private final MongoClient mongo;

  public UserStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, USERS, new JsonObject().put("email", 1))
      .compose(v -> Mongo.uniqueIndex(mongo, USERS, new JsonObject().put("usernameKey", 1)))
      .compose(v -> Mongo.index(mongo, USERS, new JsonObject().put("passwordResetToken", 1)))
      .compose(v -> Mongo.index(mongo, USERS, new JsonObject().put("avatarMediaId", 1)));
  }

  public Future<Void> insert(JsonObject user) {
    return mongo.insert(USERS, user).mapEmpty();
  }

  public Future<JsonObject> byId(String id) {
    return mongo.findOne(USERS, new JsonObject().put("_id", id), null);
  }

  public Future<JsonObject> byEmail(String email) {
    return mongo.findOne(USERS, new JsonObject().put("email", email), null);
  }

  public Future<Boolean> emailTaken(String email) {
    return mongo.count(USERS, new JsonObject().put("email", email)).map(n -> n > 0);
  }

  public Future<Boolean> usernameTaken(String usernameKey, String exceptUserId) {
    JsonObject query = new JsonObject().put("usernameKey", usernameKey);
    if (exceptUserId != null) {
      query.put("_id", new JsonObject().put("$ne", exceptUserId));
    }
    return mongo.count(USERS, query).map(n -> n > 0);
  }

  /** Which of these media ids are some user's avatar. */
  public Future<List<String>> avatarsAmong(List<String> mediaIds) {
    return mongo.findWithOptions(USERS, new JsonObject().put("avatarMediaId", new JsonObject().put("$in", new JsonArray(mediaIds))),
        new io.vertx.ext.mongo.FindOptions().setFields(new JsonObject().put("avatarMediaId", 1)))
      .map(found -> found.stream().map(doc -> doc.getString("avatarMediaId")).distinct().toList());
  }

  public Future<List<JsonObject>> byIds(List<String> ids) {
    return mongo.find(USERS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))));
  }

  /** Verified users whose username or name contains the query (case-insensitive), by username, limit+1. */
  public Future<List<JsonObject>> search(String query, String excludeId, int limit) {
    JsonObject regex = new JsonObject().put("$regex", Pattern.quote(query)).put("$options", "i");
    JsonObject filter = new JsonObject()
      .put("emailVerified", true)
      .put("_id", new JsonObject().put("$ne", excludeId))
      .put("$or", new JsonArray()
        .add(new JsonObject().put("username", regex))
        .add(new JsonObject().put("firstName", regex))
        .add(new JsonObject().put("lastName", regex)));
    return mongo.findWithOptions(USERS, filter,
      new FindOptions().setSort(new JsonObject().put("usernameKey", 1)).setLimit(limit + 1));
  }

  /** Replaces the OTP of an unverified account unless one was sent less than {@code resendAfter} ago. */
  public Future<JsonObject> renewOtp(String email, Instant resendAfter, JsonObject otpFields) {
    JsonObject query = new JsonObject()
      .put("email", email)
      .put("emailVerified", false)
      .put("otpSentAt", new JsonObject().put("$lt", Dates.of(resendAfter)));
    return mongo.findOneAndUpdate(USERS, query, new JsonObject().put("$set", otpFields));
  }

  /**
   * Claims the right to send one mail of a kind to an address: sets {@code field} to now unless it was set after
   * {@code notBefore}. Answers the account when the claim succeeded, null when throttled (or no such account).
   */
  public Future<JsonObject> claimMailSlot(String email, String field, Instant now, Instant notBefore) {
    JsonObject query = new JsonObject().put("email", email).put("$or", new JsonArray()
      .add(new JsonObject().put(field, new JsonObject().put("$exists", false)))
      .add(new JsonObject().put(field, new JsonObject().put("$lt", Dates.of(notBefore)))));
    return mongo.findOneAndUpdate(USERS, query, new JsonObject().put("$set", new JsonObject().put(field, Dates.of(now))));
  }

  /** Counts one verification try, unless the code is already locked: null means locked (or no such account). */
  public Future<JsonObject> countOtpTry(String email, int maxAttempts, int maxTotalAttempts) {
    // otpTotalAttempts survives resends (a resend resets only otpAttempts), so guessing cannot go on forever.
    JsonObject query = new JsonObject()
      .put("email", email)
      .put("emailVerified", false)
      .put("otpAttempts", new JsonObject().put("$lt", maxAttempts))
      .put("$or", new JsonArray()
        .add(new JsonObject().put("otpTotalAttempts", new JsonObject().put("$exists", false)))
        .add(new JsonObject().put("otpTotalAttempts", new JsonObject().put("$lt", maxTotalAttempts))));
    return mongo.findOneAndUpdateWithOptions(USERS, query,
      new JsonObject().put("$inc", new JsonObject().put("otpAttempts", 1).put("otpTotalAttempts", 1)),
      new io.vertx.ext.mongo.FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /** Marks the account verified if this exact OTP is still the current one; false when it changed meanwhile. */
  public Future<Boolean> markVerified(String userId, String otpHash) {
    JsonObject query = new JsonObject().put("_id", userId).put("otp", otpHash).put("emailVerified", false);
    JsonObject update = new JsonObject()
      .put("$set", new JsonObject().put("emailVerified", true).put("updatedAt", Dates.now()))
      .put("$unset", new JsonObject().put("otp", "").put("otpExpiryTime", "").put("otpAttempts", ""));
    return mongo.updateCollection(USERS, query, update).map(r -> r.getDocModified() == 1);
  }

  public Future<Void> setResetToken(String userId, String tokenHash, Instant expires) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("passwordResetToken", tokenHash)
      .put("passwordResetExpires", Dates.of(expires)));
    return mongo.updateCollection(USERS, new JsonObject().put("_id", userId), update).mapEmpty();
  }

  public Future<JsonObject> byLiveResetToken(String tokenHash, Instant now) {
    return mongo.findOne(USERS, new JsonObject()
      .put("passwordResetToken", tokenHash)
      .put("passwordResetExpires", new JsonObject().put("$gt", Dates.of(now))), null);
  }

  /**
   * Sets the new password if the reset token is still valid, consumes the token and bumps the token version
   * (every access token issued before stops working). Answers the updated user, or null when the token was used.
   */
  public Future<JsonObject> resetPassword(String tokenHash, Instant now, String passwordHash) {
    JsonObject query = new JsonObject()
      .put("passwordResetToken", tokenHash)
      .put("passwordResetExpires", new JsonObject().put("$gt", Dates.of(now)));
    JsonObject update = new JsonObject()
      .put("$set", new JsonObject()
        .put("password", passwordHash)
        .put("passwordChangedAt", Dates.of(now))
        .put("emailVerified", true)
        .put("updatedAt", Dates.of(now)))
      .put("$unset", new JsonObject().put("passwordResetToken", "").put("passwordResetExpires", "")
        .put("otp", "").put("otpExpiryTime", "").put("otpAttempts", ""))
      .put("$inc", new JsonObject().put("tokenVersion", 1));
    return mongo.findOneAndUpdateWithOptions(USERS, query, update,
      new io.vertx.ext.mongo.FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  public Future<JsonObject> updateProfile(String userId, JsonObject set) {
    return mongo.findOneAndUpdateWithOptions(USERS, new JsonObject().put("_id", userId),
      new JsonObject().put("$set", set.copy().put("updatedAt", Dates.now())),
      new io.vertx.ext.mongo.FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /** Verified users not in {@code excluded}, by id, after the {@code after} id when set, limit+1. */
  public Future<List<JsonObject>> verifiedExcept(List<String> excluded, String after, int limit) {
    JsonObject idFilter = new JsonObject().put("$nin", new JsonArray(excluded));
    if (after != null) {
      idFilter.put("$gt", after);
    }
    return mongo.findWithOptions(USERS, new JsonObject().put("emailVerified", true).put("_id", idFilter),
      new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(limit + 1));
  }

  /**
   * Records presence reported by notification-service, unless a newer report is already stored
   * ({@code presenceVersion} grows with each transition, so out-of-order reports cannot win).
   */
  public Future<Void> setPresence(String userId, String status, Instant lastSeenAt, long version) {
    JsonObject query = new JsonObject().put("_id", userId).put("$or", new JsonArray()
      .add(new JsonObject().put("presenceVersion", new JsonObject().put("$exists", false)))
      .add(new JsonObject().put("presenceVersion", new JsonObject().put("$lt", version))));
    JsonObject set = new JsonObject().put("status", status).put("presenceVersion", version);
    if (lastSeenAt != null) {
      set.put("lastSeenAt", Dates.of(lastSeenAt));
    }
    return mongo.updateCollection(USERS, query, new JsonObject().put("$set", set)).mapEmpty();
  }
}
