package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/**
 * The one-time code's rules. A code lives {@code ttl}; each one allows {@code maxAttempts} tries and an account at
 * most {@code maxTotalAttempts} across resends (UserStore.countOtpTry holds both limits in its filter, so concurrent
 * tries cannot exceed them); a resend waits {@code resendAfter}. Only the code's hash, salted with the user id, is stored.
 */
record OtpRules(Duration ttl, int maxAttempts, int maxTotalAttempts, Duration resendAfter) {

  /** The fields a fresh code sets: its hash, expiry, sent time, and a new count of tries (the total is kept). */
  JsonObject freshCode(String userId, String otp, Instant now) {
    return new JsonObject()
      .put("otp", Secrets.otpHash(userId, otp))
      .put("otpExpiryTime", Dates.of(now.plus(ttl)))
      .put("otpAttempts", 0)
      .put("otpSentAt", Dates.of(now));
  }

  /** Whether the account waits for a code at all: it exists, is unverified, and holds one. */
  static boolean awaitsCode(JsonObject user) {
    return user != null && !user.getBoolean("emailVerified", false) && user.getString("otp") != null;
  }

  /** Whether this code, tried now, is the account's current one and still live. */
  static boolean accepts(JsonObject user, String otp, Instant now) {
    Object expiry = user.getValue("otpExpiryTime");
    boolean live = expiry != null && now.isBefore(Dates.toInstant(expiry));
    return live && Secrets.sameHash(user.getString("otp"), Secrets.otpHash(user.getString("_id"), otp));
  }

  /** A code sent before this instant may be replaced by a new one. */
  Instant resendCutoff(Instant now) {
    return now.minus(resendAfter);
  }

  long ttlMinutes() {
    return ttl.toMinutes();
  }
}
