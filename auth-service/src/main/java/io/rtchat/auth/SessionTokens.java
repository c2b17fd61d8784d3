package io.rtchat.auth;

import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Jwt;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issues the token pair of a login and ends logins. A login is a refresh-token family: its id is the access token's
 * session id, so ending it (revoking the family) lets every gateway drop that login's access tokens and sockets.
 *
 * <p>Revocation wins every race with a refresh: ending a login (or resetting the password, which bumps the token
 * version) first changes a record, then deletes the tokens; a refresh first inserts the next token, then reads those
 * records. Either the refresh reads the change and deletes its own token, or its insert came before the deletion.
 */
class SessionTokens {

  private final RefreshTokenStore refreshTokens;
  private final SessionStore sessions;
  private final UserStore users;
  private final AuthEvents events;
  private final JWTAuth jwt;
  private final Config config;

  SessionTokens(RefreshTokenStore refreshTokens, SessionStore sessions, UserStore users, AuthEvents events, JWTAuth jwt,
                Config config) {
    this.refreshTokens = refreshTokens;
    this.sessions = sessions;
    this.users = users;
    this.events = events;
    this.jwt = jwt;
    this.config = config;
  }

  /** A new login: a new family, started under the user's current token version. */
  Future<JsonObject> start(JsonObject user) {
    String family = Ids.newId();
    return sessions.open(family, user.getString("_id"), user.getInteger("tokenVersion", 0))
      .compose(v -> issue(user, family, ErrorCode.INVALID_CREDENTIALS));
  }

  /** The next token pair of an existing login. */
  Future<JsonObject> next(JsonObject user, String family) {
    return issue(user, family, ErrorCode.REFRESH_INVALID);
  }

  private Future<JsonObject> issue(JsonObject user, String family, ErrorCode whenEnded) {
    String userId = user.getString("_id");
    String refreshToken = Secrets.token();
    Instant expires = Instant.now().plus(Duration.ofDays(config.getInt(Setting.REFRESH_TOKEN_TTL_DAYS)));
    return refreshTokens.insert(userId, family, Secrets.hash(refreshToken), expires)
      .compose(v -> stillLive(family, user))
      .compose(live -> live
        ? Future.succeededFuture(new JsonObject()
          .put("accessToken", Jwt.issue(jwt, config, userId, user.getInteger("tokenVersion", 0), family))
          .put("refreshToken", refreshToken)
          .put("expiresIn", config.getInt(Setting.ACCESS_TOKEN_TTL_SECONDS))
          .put("user", UserViews.selfView(user)))
        : refreshTokens.revokeFamily(family).compose(v -> Errors.<JsonObject>fail(whenEnded, "This login has ended; sign in again")));
  }

  /**
   * Read after the insert: the login was not ended and no password reset bumped the token version since it started
   * (nor since {@code user} was read, whose version goes into the access token). A family without a record (issued
   * before records existed) is not live: its owner signs in again once.
   */
  private Future<Boolean> stillLive(String family, JsonObject user) {
    return sessions.byId(family).compose(session -> {
      if (session == null || session.getValue("endedAt") != null) {
        return Future.succeededFuture(false);
      }
      int version = session.getInteger("tokenVersion", 0);
      if (user.getInteger("tokenVersion", 0) != version) {
        return Future.succeededFuture(false);
      }
      return users.byId(user.getString("_id")).map(current -> current != null && current.getInteger("tokenVersion", 0) == version);
    });
  }

  /**
   * Ends one login: its record first, then its refresh tokens (see the class comment for why in this order), then
   * tells every gateway, which refuses its access tokens and closes its sockets.
   */
  Future<Void> end(String userId, String family) {
    return sessions.end(family, userId, Instant.now())
      .compose(v -> refreshTokens.revokeFamily(family))
      .onSuccess(v -> events.sessionEnded(userId, family));
  }

  /**
   * Logins ended while their access tokens may still be unexpired (with a minute for clock skew): a gateway that starts
   * loads them, as it never heard their end.
   */
  Future<List<String>> endedRecently() {
    return sessions.endedSince(Instant.now().minusSeconds(config.getInt(Setting.ACCESS_TOKEN_TTL_SECONDS) + 60L));
  }
}
