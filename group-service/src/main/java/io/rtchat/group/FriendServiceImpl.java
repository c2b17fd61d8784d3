package io.rtchat.group;

import io.rtchat.api.FriendService;
import io.rtchat.common.Mongo;
import io.rtchat.common.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** The friend service's API: each call is one use case ({@link GroupVerticle} builds them). */
class FriendServiceImpl implements FriendService {

  private final MongoClient mongo;
  private final FriendQueries queries;
  private final SendFriendRequest sending;
  private final AnswerFriendRequest answering;
  private final Unfriend unfriending;

  FriendServiceImpl(MongoClient mongo, FriendQueries queries, SendFriendRequest sending, AnswerFriendRequest answering,
                    Unfriend unfriending) {
    this.mongo = mongo;
    this.queries = queries;
    this.sending = sending;
    this.answering = answering;
    this.unfriending = unfriending;
  }

  @Override
  public Future<Boolean> areFriends(String userId, String otherUserId) {
    return queries.areFriends(userId, otherUserId);
  }

  @Override
  public Future<JsonArray> friendIds(String userId) {
    return queries.friendIds(userId);
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  @Override
  public Future<JsonObject> sendFriendRequest(String userId, JsonObject body) {
    return sending.send(userId, body);
  }

  @Override
  public Future<JsonObject> listFriendRequests(String userId, String direction, String before, int limit) {
    return queries.requests(userId, direction, PageQuery.before(before, limit));
  }

  @Override
  public Future<JsonObject> acceptFriendRequest(String userId, String requestId) {
    return answering.accept(userId, requestId);
  }

  @Override
  public Future<JsonObject> rejectFriendRequest(String userId, String requestId) {
    return answering.reject(userId, requestId);
  }

  @Override
  public Future<Void> cancelFriendRequest(String userId, String requestId) {
    return answering.cancel(userId, requestId);
  }

  @Override
  public Future<JsonObject> listFriends(String userId, String after, int limit) {
    return queries.friends(userId, PageQuery.after(after, limit));
  }

  @Override
  public Future<Void> removeFriend(String userId, String friendId) {
    return unfriending.remove(userId, friendId);
  }

  @Override
  public Future<JsonObject> listNonFriends(String userId, String after, int limit) {
    return queries.nonFriends(userId, PageQuery.after(after, limit));
  }
}
