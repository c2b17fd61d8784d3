package io.rtchat.group;

import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.util.List;

/**
 * Every query on {@code groups}: the seed's fields ({@code name, members, admins, invited, createdAt, updatedAt}) plus
 * {@code createdBy} and {@code chatId}. {@code members} is kept in join order (joins append), so the first member is
 * the longest-standing one. Every change is one conditional update whose filter holds the rule's precondition.
 */
public class GroupStore {

  static final String GROUPS = "groups";

  private final MongoClient mongo;

  public GroupStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.index(mongo, GROUPS, new JsonObject().put("members", 1));
  }

  public Future<Void> insert(JsonObject group) {
    return mongo.insert(GROUPS, group).mapEmpty();
  }

  public Future<JsonObject> byId(String groupId) {
    return mongo.findOne(GROUPS, new JsonObject().put("_id", groupId), null);
  }

  public Future<List<JsonObject>> byIds(List<String> groupIds) {
    return mongo.find(GROUPS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(groupIds))));
  }

  /** The groups the user is a member of, by id, after {@code after} when set, limit+1. */
  public Future<List<JsonObject>> ofMember(String userId, String after, int limit) {
    JsonObject query = new JsonObject().put("members", userId);
    if (after != null) {
      query.put("_id", new JsonObject().put("$gt", after));
    }
    return mongo.findWithOptions(GROUPS, query,
      new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(limit + 1));
  }

  /**
   * Applies {@code update} to the group if it still matches {@code filter} (which always includes the group id and
   * the rule's precondition), in one atomic step; answers the group after the change, or null when nothing matched.
   */
  public Future<JsonObject> updateIf(String groupId, JsonObject filter, JsonObject update) {
    JsonObject query = filter.copy().put("_id", groupId);
    JsonObject withTime = update.copy();
    withTime.put("$set", withTime.getJsonObject("$set", new JsonObject()).put("updatedAt", Dates.now()));
    return mongo.findOneAndUpdateWithOptions(GROUPS, query, withTime, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  /** Deletes the group if it still matches {@code filter}; answers the deleted group, or null. */
  public Future<JsonObject> deleteIf(String groupId, JsonObject filter) {
    return mongo.findOneAndDelete(GROUPS, filter.copy().put("_id", groupId));
  }
}
