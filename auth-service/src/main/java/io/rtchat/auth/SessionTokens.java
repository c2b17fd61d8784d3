package io.rtchat.auth;

import io.rtchat.common.Config;
import io.rtchat.common.Ids;
import io.rtchat.common.Jwt;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.time.Duration;
import java.time.Instant;

/**
 * Issues the token pair of a login and ends logins. A login is a refresh-token family: its id is the access token's
 * session id, so ending it (revoking the family) lets every gateway drop that login's access tokens and sockets.
 */
class SessionTokens {

  private final RefreshTokenStore refreshTokens;
  private final AuthEvents events;
  private final JWTAuth jwt;
  private final Config config;

  SessionTokens(RefreshTokenStore refreshTokens, AuthEvents events, JWTAuth jwt, Config config) {
    this.refreshTokens = refreshTokens;
    this.events = events;
    this.jwt = jwt;
    this.config = config;
  }

  /** A new login: a new family. */
  Future<JsonObject> start(JsonObject user) {
    return issue(user, Ids.newId());
  }

  /** The next token pair of an existing login. */
  Future<JsonObject> issue(JsonObject user, String family) {
    String userId = user.getString("_id");
    String refreshToken = Secrets.token();
    Instant expires = Instant.now().plus(Duration.ofDays(config.getInt(Setting.REFRESH_TOKEN_TTL_DAYS)));
    return refreshTokens.insert(userId, family, Secrets.hash(refreshToken), expires).map(v -> new JsonObject()
      .put("accessToken", Jwt.issue(jwt, config, userId, user.getInteger("tokenVersion", 0), family))
      .put("refreshToken", refreshToken)
      .put("expiresIn", config.getInt(Setting.ACCESS_TOKEN_TTL_SECONDS))
      .put("user", UserViews.selfView(user)));
  }

  /** Revokes one login's refresh tokens and tells every gateway, which then refuses its access tokens and closes its sockets. */
  Future<Void> end(String userId, String family) {
    return refreshTokens.revokeFamily(family).onSuccess(v -> events.sessionEnded(userId, family));
  }
}
