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
import java.util.function.Consumer;

/**
 * Checks access tokens for REST calls and bridge frames: the signature, algorithm, expiry, issuer and audience
 * locally, then the token version against the user's current one (a password reset bumps it). Versions are cached
 * briefly and refreshed at once when auth-service announces a revocation, so most checks cost no bus call. A token
 * whose signature and claims were checked is remembered until it expires (bounded, least recently used first out),
 * so a socket's every frame costs a map lookup and the version check instead of parsing and HMAC-ing the JWT again.
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

  /** What a checked token says: its user, its token version, and when it stops being valid. */
  private record Verified(String userId, int version, long expiresAtMillis) {
  }

  public AccessTokens(Vertx vertx, JWTAuth jwt, AuthService auth, Consumer<String> onRevoked) {
    this.jwt = jwt;
    this.auth = auth;
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_TOKENS_REVOKED, msg -> {
      String userId = msg.body().getString("userId");
      versions.put(userId, new CachedVersion(msg.body().getInteger("tokenVersion", 0), System.currentTimeMillis()));
      onRevoked.accept(userId);
    });
  }

  /** The user id of a valid {@code Authorization: Bearer <token>} header value. */
  public Future<String> verifyHeader(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Errors.fail(ErrorCode.UNAUTHORIZED, "Sign in: send Authorization: Bearer <accessToken>");
    }
    return verify(authorization.substring(7).trim());
  }

  public Future<String> verify(String token) {
    if (token.isEmpty() || token.length() > 4096) {
      return Errors.fail(ErrorCode.TOKEN_INVALID, "The access token is not valid");
    }
    Verified known = verified.get(token);
    if (known != null) {
      if (System.currentTimeMillis() < known.expiresAtMillis()) {
        return checkVersion(known.userId(), known.version());
      }
      verified.remove(token);
    }
    return jwt.authenticate(new TokenCredentials(token))
      .recover(err -> Errors.fail(ErrorCode.TOKEN_INVALID, "The access token is not valid or has expired"))
      .compose(user -> {
        JsonObject principal = user.principal();
        String userId = principal.getString("sub");
        Integer version = principal.getInteger(Jwt.CLAIM_VERSION);
        if (userId == null || version == null) {
          return Errors.fail(ErrorCode.TOKEN_INVALID, "The access token is not valid");
        }
        if (user.get("exp") instanceof Number exp) { // the provider keeps the checked claims in the user's attributes
          verified.put(token, new Verified(userId, version, exp.longValue() * 1000));
        }
        return checkVersion(userId, version);
      });
  }

  private Future<String> checkVersion(String userId, int version) {
    return currentVersion(userId).compose(current -> current == version
      ? Future.succeededFuture(userId)
      : Errors.fail(ErrorCode.TOKEN_INVALID, "The access token was revoked; sign in again"));
  }

  private Future<Integer> currentVersion(String userId) {
    CachedVersion cached = versions.get(userId);
    if (cached != null && System.currentTimeMillis() - cached.fetchedAt() < CACHE_TTL_MS) {
      return Future.succeededFuture(cached.version());
    }
    return auth.tokenVersion(userId).onSuccess(v -> versions.put(userId, new CachedVersion(v, System.currentTimeMillis())));
  }
}
