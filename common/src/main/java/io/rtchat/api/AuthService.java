package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Accounts: registration with e-mail OTP, login, refresh-token rotation, password reset, profiles.
 * Bodies are the API's JSON bodies (see API.md); every method validates its own input.
 * A "session" answer is {@code {accessToken, refreshToken, expiresIn, user}}.
 */
@ProxyGen
@VertxGen
public interface AuthService {

  String ADDRESS = Addresses.AUTH_SERVICE;

  static AuthService createProxy(Vertx vertx) {
    return new AuthServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** {@code {firstName,lastName,username,email,password,passwordConfirm}} → the new user (self view); mails an OTP. */
  Future<JsonObject> register(JsonObject body);

  /** {@code {email}}: mails a fresh OTP to an unverified account; answers alike whether the account exists. */
  Future<Void> sendOtp(JsonObject body);

  /** {@code {email,otp}} → session. */
  Future<JsonObject> verifyEmail(JsonObject body);

  /** {@code {email,password}} → session; {@code clientIp} feeds the per-IP failure throttle. */
  Future<JsonObject> login(JsonObject body, String clientIp);

  /** {@code {refreshToken}} → a new session; the presented refresh token stops working. */
  Future<JsonObject> refresh(JsonObject body);

  /** {@code {refreshToken}}: ends that login (its whole refresh-token family). */
  Future<Void> logout(String userId, JsonObject body);

  /** {@code {email}}: mails a reset link when the account exists; answers alike either way. */
  Future<Void> forgotPassword(JsonObject body);

  /** {@code {token,password,passwordConfirm}}: sets the password; every earlier token stops working. */
  Future<Void> resetPassword(JsonObject body);

  /** The caller's own profile, with e-mail. */
  Future<JsonObject> getMe(String userId);

  /** {@code {firstName?,lastName?,username?,about?,avatarMediaId?}} → the updated profile. */
  Future<JsonObject> updateMe(String userId, JsonObject patch);

  /** Another user's public profile (never e-mail, hashes or tokens). */
  Future<JsonObject> getProfile(String callerId, String userId);

  /** Public profiles matching {@code query} by username or name: {@code {items, hasMore}}. */
  Future<JsonObject> searchUsers(String callerId, String query, int limit);

  /** Public profiles of the given ids that exist, for other services (e.g. to show members). */
  Future<JsonArray> getProfiles(List<String> userIds);

  /** The user's current token version; access tokens carrying an older one are refused. */
  Future<Integer> tokenVersion(String userId);

  /**
   * The session ids of logins ended (logout, a reused refresh token) while their access tokens may still be unexpired:
   * a gateway loads them when it starts, then learns of later ends from {@code internal.auth.session-ended}.
   */
  Future<List<String>> endedSessions();

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();

  /**
   * Verified users' public profiles except the given ids (e.g. the caller and their friends), by id ascending,
   * after the {@code after} id (null: from the start): {@code {items, hasMore}}.
   */
  Future<JsonObject> listProfilesExcept(List<String> excludedIds, String after, int limit);

  /**
   * Presence reported by notification-service: sets {@code status} ("online"|"offline") and, when given,
   * {@code lastSeenAt} (ISO-8601); an update with a {@code version} not newer than the stored one is ignored,
   * so transitions arriving out of order cannot leave a stale status.
   */
  Future<Void> setPresence(String userId, String status, String lastSeenAt, long version);

  /** Where to mail a user, for notification-service: {@code {email, firstName}}; 404 user.not_found. */
  Future<JsonObject> contactFor(String userId);

  /** Which of these media ids are some user's current avatar (media-service asks before it reclaims an avatar). */
  Future<List<String>> avatarsInUse(List<String> mediaIds);
}
