package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.rtchat.common.Addresses;
import io.rtchat.common.BoundedLru;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Jwt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checks access tokens for REST calls and bridge frames: the signature, algorithm, expiry, issuer and audience
 * locally, then the token version against the user's current one (a password reset bumps it). Versions are cached
 * briefly and refreshed at once when auth-service announces a revocation, so most checks cost no bus call. A token
 * whose signature and claims were checked is remembered until it expires (bounded, least recently used first out),
 * so a socket's every frame costs a map lookup and the version check instead of parsing and HMAC-ing the JWT again.
 * A token must carry {@code exp}, and a token of an ended login (logout) is refused until it would have expired, also
 * by a gateway started after the logout ({@link EndedSessions}).
 */
public class AccessTokens {

  private static final int CACHE_SIZE = 100_000;
  private static final long CACHE_TTL_MS = 60_000;

  private final JWTAuth jwt;
  private final AuthService auth;
  private final Map<String, CachedVersion> versions = new BoundedLru<>(CACHE_SIZE);

  private record CachedVersion(int version, long fetchedAt) {
  }

  private static final int VERIFIED_CACHE_SIZE = 10_000;
  private final Map<String, Verified> verified = new BoundedLru<>(VERIFIED_CACHE_SIZE);

  /** What a checked token says: its user, its token version, its login, and when it stops being valid. */
  private record Verified(String userId, int version, String sessionId, long expiresAtMillis) {
  }

  /** The verified caller of a token: who, which login, and until when the token is valid. */
  public record Caller(String userId, String sessionId, long expiresAtMillis) {
  }

  /** Logins ended (logout) while their access tokens may still be unexpired. */
  private final EndedSessions endedSessions;

  public AccessTokens(Vertx vertx, JWTAuth jwt, AuthService auth, long accessTokenTtlMillis,
                      Consumer<String> onRevoked, BiConsumer<String, String> onSessionEnded) {
    this.jwt = jwt;
    this.auth = auth;
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_TOKENS_REVOKED, msg -> {
      String userId = msg.body().getString("userId");
      remember(userId, msg.body().getInteger("tokenVersion", 0));
      onRevoked.accept(userId);
    });
    this.endedSessions = new EndedSessions(vertx, auth, accessTokenTtlMillis + 60_000, onSessionEnded);
  }

  /**
   * Versions only grow (a reset bumps them): a reply from auth-service that was in flight while a revocation arrived
   * must not put the older version back, or revoked tokens would pass until the cache entry expires.
   */
  private void remember(String userId, int version) {
    long now = System.currentTimeMillis();
    versions.merge(userId, new CachedVersion(version, now),
      (old, fresh) -> fresh.version() >= old.version() ? fresh : new CachedVersion(old.version(), fresh.fetchedAt()));
  }

  /** The user id of a valid {@code Authorization: Bearer <token>} header value. */
  public Future<String> verifyHeader(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Errors.fail(ErrorCode.UNAUTHORIZED, "Sign in: send Authorization: Bearer <accessToken>");
    }
    return verify(authorization.substring(7).trim());
  }

  public Future<String> verify(String token) {
    return verifyCaller(token).map(Caller::userId);
  }

  /** Like {@link #verifyHeader}, with the token's login and expiry (the bridge closes a socket when its token expires). */
  public Future<Caller> verifyHeaderCaller(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Errors.fail(ErrorCode.UNAUTHORIZED, "Sign in: send Authorization: Bearer <accessToken>");
    }
    return verifyCaller(authorization.substring(7).trim());
  }

  public Future<Caller> verifyCaller(String token) {
    if (token.isEmpty() || token.length() > 4096) {
      return Errors.fail(ErrorCode.TOKEN_INVALID, "The access token is not valid");
    }
    Verified known = verified.get(token);
    if (known != null) {
      if (System.currentTimeMillis() < known.expiresAtMillis()) {
        return check(known);
      }
      verified.remove(token);
    }
    return jwt.authenticate(new TokenCredentials(token))
      .recover(err -> Errors.fail(ErrorCode.TOKEN_INVALID, "The access token is not valid or has expired"))
      .compose(user -> {
        JsonObject principal = user.principal();
        String userId = principal.getString("sub");
        Integer version = principal.getInteger(Jwt.CLAIM_VERSION);
        // The provider accepts a token without exp; an access token that never expires is never valid here.
        Object exp = user.get("exp"); // the provider keeps the checked claims in the user's attributes
        if (userId == null || version == null || !(exp instanceof Number expSeconds)) {
          return Errors.fail(ErrorCode.TOKEN_INVALID, "The access token is not valid");
        }
        Verified checked = new Verified(userId, version, principal.getString(Jwt.CLAIM_SESSION), expSeconds.longValue() * 1000);
        verified.put(token, checked);
        return check(checked);
      });
  }

  private Future<Caller> check(Verified token) {
    if (token.sessionId() == null) {
      return checkVersion(token);
    }
    return endedSessions.isEnded(token.sessionId()).compose(ended -> ended
      ? Errors.fail(ErrorCode.TOKEN_INVALID, "This login has ended; sign in again")
      : checkVersion(token));
  }

  private Future<Caller> checkVersion(Verified token) {
    return currentVersion(token.userId()).compose(current -> current == token.version()
      ? Future.succeededFuture(new Caller(token.userId(), token.sessionId(), token.expiresAtMillis()))
      : Errors.fail(ErrorCode.TOKEN_INVALID, "The access token was revoked; sign in again"));
  }

  private Future<Integer> currentVersion(String userId) {
    CachedVersion cached = versions.get(userId);
    if (cached != null && System.currentTimeMillis() - cached.fetchedAt() < CACHE_TTL_MS) {
      return Future.succeededFuture(cached.version());
    }
    return auth.tokenVersion(userId).map(v -> {
      remember(userId, v);
      return versions.get(userId).version();
    });
  }
}
