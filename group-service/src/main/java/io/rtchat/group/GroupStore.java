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
 * {@code createdBy}, {@code chatId} and {@code version} (counts the membership changes). {@code members} is kept in join order (joins append), so the first member is
 * the longest-standing one. Every change is one named, conditional update whose filter holds the rule's
 * precondition ({@code admins: caller} for admin actions, {@code invited: caller} to join, ...): concurrent calls
 * cannot break a rule, two accepts of one invitation make one membership, two last admins leaving at once still leave
 * an admin. Each answers the group after the change, or null when the precondition no longer held.
 */
public class GroupStore {

  static final String GROUPS = "groups";
  static final String VERSION = "version";

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

  // ---- admin actions: the filter holds "the caller is an admin"

  public Future<JsonObject> renameAsAdmin(String groupId, String adminId, String name) {
    return updateIf(groupId, new JsonObject().put("admins", adminId),
      new JsonObject().put("$set", new JsonObject().put("name", name)));
  }

  /** Deletes the group; answers the deleted group. */
  public Future<JsonObject> deleteAsAdmin(String groupId, String adminId) {
    return deleteIf(groupId, new JsonObject().put("admins", adminId));
  }

  /** Adds the users to {@code invited}, unless one of them became a member meanwhile. */
  public Future<JsonObject> inviteAsAdmin(String groupId, String adminId, List<String> userIds) {
    return updateIf(groupId,
      new JsonObject().put("admins", adminId).put("members", new JsonObject().put("$nin", new JsonArray(userIds))),
      new JsonObject().put("$addToSet", new JsonObject().put("invited", new JsonObject().put("$each", new JsonArray(userIds)))));
  }

  public Future<JsonObject> removeMemberAsAdmin(String groupId, String adminId, String memberId) {
    return updateIf(groupId, new JsonObject().put("admins", adminId).put("members", memberId),
      membershipChange(new JsonObject().put("$pull", new JsonObject().put("members", memberId).put("admins", memberId))));
  }

  public Future<JsonObject> promoteAsAdmin(String groupId, String adminId, String memberId) {
    return updateIf(groupId, new JsonObject().put("admins", adminId).put("members", memberId),
      new JsonObject().put("$addToSet", new JsonObject().put("admins", memberId)));
  }

  /** Takes admin from another admin: both must be admins. */
  public Future<JsonObject> demoteAsAdmin(String groupId, String adminId, String otherAdminId) {
    return updateIf(groupId,
      new JsonObject().put("admins", new JsonObject().put("$all", new JsonArray().add(adminId).add(otherAdminId))),
      new JsonObject().put("$pull", new JsonObject().put("admins", otherAdminId)));
  }

  /** An admin steps down, only while another admin remains ({@code admins.1} exists). */
  public Future<JsonObject> demoteSelf(String groupId, String adminId) {
    return updateIf(groupId,
      new JsonObject().put("admins", adminId).put("admins.1", new JsonObject().put("$exists", true)),
      new JsonObject().put("$pull", new JsonObject().put("admins", adminId)));
  }

  // ---- invitations: the filter holds "the caller is invited"

  /** The invitee becomes a member (appended: join order). */
  public Future<JsonObject> join(String groupId, String userId) {
    return updateIf(groupId, new JsonObject().put("invited", userId), membershipChange(new JsonObject()
      .put("$pull", new JsonObject().put("invited", userId))
      .put("$addToSet", new JsonObject().put("members", userId))));
  }

  public Future<JsonObject> decline(String groupId, String userId) {
    return updateIf(groupId, new JsonObject().put("invited", userId),
      new JsonObject().put("$pull", new JsonObject().put("invited", userId)));
  }

  // ---- leaving: one operation per case of LeaveRule, each holding the case in its filter

  /** The only member leaves: the group goes; answers the deleted group. */
  public Future<JsonObject> deleteAsLastMember(String groupId, String userId) {
    return deleteIf(groupId, new JsonObject().put("members", new JsonArray().add(userId)));
  }

  public Future<JsonObject> leaveAsMember(String groupId, String userId) {
    return updateIf(groupId, new JsonObject().put("members", userId).put("admins", new JsonObject().put("$ne", userId)),
      membershipChange(new JsonObject().put("$pull", new JsonObject().put("members", userId))));
  }

  /** An admin leaves while another admin remains. */
  public Future<JsonObject> leaveAsOneOfAdmins(String groupId, String userId) {
    return updateIf(groupId, new JsonObject().put("members", userId).put("admins", userId)
        .put("admins.1", new JsonObject().put("$exists", true)),
      membershipChange(new JsonObject().put("$pull", new JsonObject().put("members", userId).put("admins", userId))));
  }

  /** The only admin leaves and {@code heir} (still a member) becomes the only admin. */
  public Future<JsonObject> leaveAsOnlyAdmin(String groupId, String userId, String heir) {
    return updateIf(groupId, new JsonObject()
        .put("admins", new JsonArray().add(userId))
        .put("members", new JsonObject().put("$all", new JsonArray().add(userId).add(heir))),
      membershipChange(new JsonObject()
        .put("$pull", new JsonObject().put("members", userId))
        .put("$set", new JsonObject().put("admins", new JsonArray().add(heir)))));
  }

  /** The membership version of a group: how many membership changes it has had (0 for a group from before counting). */
  public static long version(JsonObject group) {
    return group.getLong(VERSION, 0L);
  }

  /**
   * A change of {@code members} also counts up {@code version}, in the same atomic update: the group's chat takes member
   * lists by this number and never an older one after a newer (see ChatService#syncGroupChatMembers).
   */
  private static JsonObject membershipChange(JsonObject update) {
    return update.copy().put("$inc", new JsonObject().put(VERSION, 1));
  }

  /** Every group after {@code afterId} by id, {@code limit} of them, members and version only (for reconciliation). */
  public Future<List<JsonObject>> membershipPage(String afterId, int limit) {
    JsonObject query = afterId == null ? new JsonObject() : new JsonObject().put("_id", new JsonObject().put("$gt", afterId));
    return mongo.findWithOptions(GROUPS, query, new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(limit)
      .setFields(new JsonObject().put("members", 1).put(VERSION, 1)));
  }

  /**
   * Applies {@code update} to the group if it still matches {@code filter}, in one atomic step, stamping
   * {@code updatedAt}; answers the group after the change, or null when nothing matched.
   */
  private Future<JsonObject> updateIf(String groupId, JsonObject filter, JsonObject update) {
    JsonObject query = filter.copy().put("_id", groupId);
    JsonObject withTime = update.copy();
    withTime.put("$set", withTime.getJsonObject("$set", new JsonObject()).put("updatedAt", Dates.now()));
    return mongo.findOneAndUpdateWithOptions(GROUPS, query, withTime, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  private Future<JsonObject> deleteIf(String groupId, JsonObject filter) {
    return mongo.findOneAndDelete(GROUPS, filter.copy().put("_id", groupId));
  }
}
