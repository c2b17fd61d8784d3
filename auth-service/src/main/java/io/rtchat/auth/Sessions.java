package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Logins: sign in (throttled per account and per client IP), rotate the refresh token, sign out. A refresh token
 * presented twice has leaked, so its whole login ends.
 */
class Sessions {

  private static final Logger log = LoggerFactory.getLogger(Sessions.class);

  private final UserStore users;
  private final RefreshTokenStore refreshTokens;
  private final LoginThrottle throttle;
  private final PasswordHasher hasher;
  private final SessionTokens tokens;

  Sessions(UserStore users, RefreshTokenStore refreshTokens, LoginThrottle throttle, PasswordHasher hasher, SessionTokens tokens) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.throttle = throttle;
    this.hasher = hasher;
    this.tokens = tokens;
  }

  Future<JsonObject> login(JsonObject body, String clientIp) {
    Input in = Input.of(body);
    String email = in.requiredEmail("email");
    String password = in.requiredRaw("password", 1, AccountInput.PASSWORD_MAX);
    if (in.invalid()) {
      return in.failure();
    }
    String ip = clientIp == null ? "unknown" : clientIp;
    return throttle.attempt(email, ip).compose(decision -> {
      if (!decision.allowed()) {
        return Errors.retryLater(ErrorCode.LOGIN_THROTTLED, "Too many failed logins; try again later", decision.retryAfterSeconds());
      }
      // An unknown address costs the same Argon2 work as a wrong password (the hasher verifies against a dummy hash).
      return users.byEmail(email).compose(user -> hasher.verify(password, user == null ? null : user.getString("password"))
        .compose(matches -> {
          if (!matches) {
            return Errors.fail(ErrorCode.INVALID_CREDENTIALS, "E-mail or password is wrong");
          }
          return throttle.succeeded(email, ip).compose(v -> user.getBoolean("emailVerified", false)
            ? tokens.start(user)
            : Errors.fail(ErrorCode.EMAIL_NOT_VERIFIED, "Verify your e-mail address first"));
        }));
    });
  }

  Future<JsonObject> refresh(JsonObject body) {
    Input in = Input.of(body);
    String token = in.requiredString("refreshToken", 10, 200);
    if (in.invalid()) {
      return in.failure();
    }
    String hash = Secrets.hash(token);
    return refreshTokens.use(hash).compose(used -> {
      if (used == null) {
        return endLeakedLogin(hash);
      }
      if (Instant.now().isAfter(Dates.toInstant(used.getValue("expiresAt")))) {
        return refreshTokens.revokeFamily(used.getString("family"))
          .compose(v -> Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token has expired"));
      }
      return users.byId(used.getString("userId")).compose(user -> user == null
        ? Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token is not valid")
        : tokens.next(user, used.getString("family")));
    });
  }

  /** The token was not usable: if it was used before, someone else holds a copy, so its login ends. */
  private Future<JsonObject> endLeakedLogin(String hash) {
    return refreshTokens.byHash(hash).compose(reused -> {
      if (reused == null) {
        return Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token is not valid");
      }
      log.warn("refresh token reused, revoking its login userId={} family={}", reused.getString("userId"), reused.getString("family"));
      return tokens.end(reused.getString("userId"), reused.getString("family"))
        .compose(v -> Errors.fail(ErrorCode.REFRESH_INVALID, "The refresh token is not valid"));
    });
  }

  /** The ids of logins ended while their access tokens may still be unexpired. */
  Future<List<String>> endedRecently() {
    return tokens.endedRecently();
  }

  /** Ends the login the refresh token belongs to, if it is the caller's; anything else is quietly ignored. */
  Future<Void> logout(String userId, JsonObject body) {
    Input in = Input.of(body);
    String token = in.requiredString("refreshToken", 10, 200);
    if (in.invalid()) {
      return in.failure();
    }
    return refreshTokens.byHash(Secrets.hash(token)).compose(found -> found != null && userId.equals(found.getString("userId"))
      ? tokens.end(userId, found.getString("family"))
      : Future.succeededFuture());
  }
}
