package io.rtchat.group;

import io.rtchat.api.GroupService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;

/** The rules of the group service. */
public class GroupServiceImpl implements GroupService {

  private final MongoClient mongo;

  public GroupServiceImpl(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<Boolean> areFriends(String userId, String otherUserId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<io.vertx.core.json.JsonArray> friendIds(String userId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
