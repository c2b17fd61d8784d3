package io.rtchat.auth;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;

/**
 * Login attempts per account and per client IP in a fixed window, counted in {@link LoginAttemptStore}.
 *
 * <p>Each attempt is counted <em>before</em> the password is checked, by one atomic {@code $inc} whose answer decides:
 * concurrent attempts each see their own count, so no burst slips past the limit while Argon2 runs. A successful login
 * takes its attempt back. Past the limit a key is not locked for the whole window: it admits one attempt per backoff
 * period (doubling up to a cap), claimed by one conditional update, so an attacker who hammers an account cannot keep
 * its owner out for longer than the cap, and one right password clears the account's count.
 */
public class LoginThrottle {

  /** What the throttle decided for one attempt: go ahead, or wait this long. */
  public record Decision(boolean allowed, long retryAfterSeconds) {

    static final Decision ALLOWED = new Decision(true, 0);
  }

  /** The throttle's numbers, and the decisions that need nothing else. */
  record Limits(int maxPerAccount, int maxPerIp, Duration window, Duration backoffBase, Duration backoffMax) {

    /** Whether an attempt after {@code earlier} others in the window passes freely (the last free one closes the gate). */
    static boolean free(int earlier, int max) {
      return earlier < max - 1;
    }

    /** How long the gate stays shut after an attempt past the free ones: the base, doubled per extra attempt, capped. */
    Duration backoff(int earlier, int max) {
      int excess = Math.max(earlier - (max - 1), 0);
      long delay = backoffBase.toMillis() << Math.min(excess, 20);
      return Duration.ofMillis(Math.min(delay, backoffMax.toMillis()));
    }

    /** Whole seconds until the gate opens, at least 1; the base backoff when the gate's time is unknown. */
    long retryAfterSeconds(Instant now, Instant gateUntil) {
      long millis = gateUntil == null ? backoffBase.toMillis() : Duration.between(now, gateUntil).toMillis();
      return Math.max(1, (millis + 999) / 1000);
    }
  }

  private final LoginAttemptStore attempts;
  private final Limits limits;

  public LoginThrottle(LoginAttemptStore attempts, Limits limits) {
    this.attempts = attempts;
    this.limits = limits;
  }

  /** Counts the attempt on both keys, then decides: the IP key is counted only when the account key lets it through. */
  public Future<Decision> attempt(String email, String ip) {
    return admit(accountKey(email), limits.maxPerAccount()).compose(account -> account.allowed()
      ? admit(ipKey(ip), limits.maxPerIp()).compose(perIp -> perIp.allowed()
        ? Future.succeededFuture(perIp)
        : attempts.takeBack(accountKey(email)).map(perIp))
      : Future.succeededFuture(account));
  }

  /** The password was right: the account starts afresh and the IP gets its attempt back. */
  public Future<Void> succeeded(String email, String ip) {
    return attempts.clear(accountKey(email)).compose(v -> attempts.takeBack(ipKey(ip)));
  }

  static String accountKey(String email) {
    return "account:" + email;
  }

  static String ipKey(String ip) {
    return "ip:" + ip;
  }

  private Future<Decision> admit(String key, int max) {
    Instant now = Instant.now();
    return attempts.countAttempt(key, now, limits.window()).compose(earlier -> {
      if (Limits.free(earlier, max)) {
        return Future.succeededFuture(Decision.ALLOWED);
      }
      // Later attempts pass one per backoff period, claimed atomically; a refused one does not count. Its wait is
      // counted from when the gate's time was read: a concurrent attempt may have set the gate after this one began.
      return attempts.passGate(key, now, now.plus(limits.backoff(earlier, max))).compose(passed -> passed
        ? Future.succeededFuture(Decision.ALLOWED)
        : attempts.gateUntil(key).compose(until -> attempts.takeBack(key)
          .map(new Decision(false, limits.retryAfterSeconds(Instant.now(), until)))));
    });
  }
}
