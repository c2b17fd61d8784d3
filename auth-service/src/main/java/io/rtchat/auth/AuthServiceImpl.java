package io.rtchat.auth;

import io.rtchat.api.AuthService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.util.List;

/** The auth service's API: each call is one use case ({@link AuthVerticle} builds them). */
class AuthServiceImpl implements AuthService {

  /** The use cases behind the API. */
  record UseCases(Registration registration, EmailVerification verification, Sessions sessions,
                  PasswordReset passwordReset, Profiles profiles, PresenceReports presence) {
  }

  private final MongoClient mongo;
  private final UseCases use;

  AuthServiceImpl(MongoClient mongo, UseCases use) {
    this.mongo = mongo;
    this.use = use;
  }

  @Override
  public Future<JsonObject> register(JsonObject body) {
    return use.registration().register(body);
  }

  @Override
  public Future<Void> sendOtp(JsonObject body) {
    return use.verification().sendOtp(body);
  }

  @Override
  public Future<JsonObject> verifyEmail(JsonObject body) {
    return use.verification().verify(body);
  }

  @Override
  public Future<JsonObject> login(JsonObject body, String clientIp) {
    return use.sessions().login(body, clientIp);
  }

  @Override
  public Future<JsonObject> refresh(JsonObject body) {
    return use.sessions().refresh(body);
  }

  @Override
  public Future<Void> logout(String userId, JsonObject body) {
    return use.sessions().logout(userId, body);
  }

  @Override
  public Future<Void> forgotPassword(JsonObject body) {
    return use.passwordReset().forgotPassword(body);
  }

  @Override
  public Future<Void> resetPassword(JsonObject body) {
    return use.passwordReset().resetPassword(body);
  }

  @Override
  public Future<JsonObject> getMe(String userId) {
    return use.profiles().me(userId);
  }

  @Override
  public Future<JsonObject> updateMe(String userId, JsonObject patch) {
    return use.profiles().updateMe(userId, patch);
  }

  @Override
  public Future<JsonObject> getProfile(String callerId, String userId) {
    return use.profiles().profile(callerId, userId);
  }

  @Override
  public Future<JsonObject> searchUsers(String callerId, String query, int limit) {
    return use.profiles().search(callerId, query, limit);
  }

  @Override
  public Future<JsonArray> getProfiles(List<String> userIds) {
    return use.profiles().byIds(userIds);
  }

  @Override
  public Future<Integer> tokenVersion(String userId) {
    return use.profiles().tokenVersion(userId);
  }

  @Override
  public Future<List<String>> endedSessions() {
    return use.sessions().endedRecently();
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  @Override
  public Future<JsonObject> listProfilesExcept(List<String> excludedIds, String after, int limit) {
    return use.profiles().strangers(excludedIds, after, limit);
  }

  @Override
  public Future<Void> setPresence(String userId, String status, String lastSeenAt, long version) {
    return use.presence().record(userId, status, lastSeenAt, version);
  }

  @Override
  public Future<JsonObject> contactFor(String userId) {
    return use.profiles().contact(userId);
  }

  @Override
  public Future<List<String>> avatarsInUse(List<String> mediaIds) {
    return use.profiles().avatarsInUse(mediaIds);
  }
}
