package io.rtchat.group;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.util.List;

/**
 * The two fields of {@code users} that group-service owns: {@code friends} and {@code groups} (the seed's user
 * fields). It reads and writes only these, with narrow {@code $addToSet}/{@code $pull} updates; every other user field
 * belongs to auth-service and is reached through its proxy.
 */
public class SocialStore {

  static final String USERS = "users";

  private final MongoClient mongo;

  public SocialStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The user's friend ids; null when the user does not exist. */
  public Future<List<String>> friendsOf(String userId) {
    return mongo.findOne(USERS, new JsonObject().put("_id", userId), new JsonObject().put("friends", 1))
      .map(doc -> doc == null ? null
        : doc.getJsonArray("friends", new JsonArray()).stream().map(String::valueOf).toList());
  }

  public Future<Boolean> areFriends(String userId, String otherId) {
    return mongo.count(USERS, new JsonObject().put("_id", userId).put("friends", otherId)).map(n -> n > 0);
  }

  public Future<Void> addFriend(String userId, String friendId) {
    return mongo.updateCollection(USERS, new JsonObject().put("_id", userId),
      new JsonObject().put("$addToSet", new JsonObject().put("friends", friendId))).mapEmpty();
  }

  /** Removes the friend from the user's list; false when it was not there. */
  public Future<Boolean> removeFriend(String userId, String friendId) {
    return mongo.updateCollection(USERS, new JsonObject().put("_id", userId).put("friends", friendId),
      new JsonObject().put("$pull", new JsonObject().put("friends", friendId))).map(r -> r.getDocModified() > 0);
  }

  public Future<Void> addGroup(String userId, String groupId) {
    return mongo.updateCollection(USERS, new JsonObject().put("_id", userId),
      new JsonObject().put("$addToSet", new JsonObject().put("groups", groupId))).mapEmpty();
  }

  public Future<Void> removeGroup(List<String> userIds, String groupId) {
    return mongo.updateCollectionWithOptions(USERS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(userIds))),
      new JsonObject().put("$pull", new JsonObject().put("groups", groupId)), new UpdateOptions().setMulti(true)).mapEmpty();
  }
}
