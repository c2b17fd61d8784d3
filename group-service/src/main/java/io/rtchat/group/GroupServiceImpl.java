package io.rtchat.group;

import io.rtchat.api.GroupService;
import io.rtchat.common.Mongo;
import io.rtchat.common.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/** The group service's API: each call is one use case ({@link GroupVerticle} builds them). */
class GroupServiceImpl implements GroupService {

  /** The use cases behind the API, one per thing a user does with groups. */
  record UseCases(GroupQueries queries, CreateGroup create, RenameGroup rename, DeleteGroup delete,
                  InviteToGroup invite, AnswerGroupInvitation answer, LeaveGroup leave, RemoveGroupMember remove,
                  ChangeGroupAdmins admins) {
  }

  private final MongoClient mongo;
  private final UseCases use;

  GroupServiceImpl(MongoClient mongo, UseCases use) {
    this.mongo = mongo;
    this.use = use;
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  @Override
  public Future<JsonObject> createGroup(String userId, JsonObject body) {
    return use.create().create(userId, body);
  }

  @Override
  public Future<JsonObject> listGroups(String userId, String after, int limit) {
    return use.queries().mine(userId, PageQuery.after(after, limit));
  }

  @Override
  public Future<JsonObject> getGroup(String userId, String groupId) {
    return use.queries().get(userId, groupId);
  }

  @Override
  public Future<JsonObject> renameGroup(String userId, String groupId, JsonObject body) {
    return use.rename().rename(userId, groupId, body);
  }

  @Override
  public Future<Void> deleteGroup(String userId, String groupId) {
    return use.delete().delete(userId, groupId);
  }

  @Override
  public Future<JsonObject> inviteToGroup(String userId, String groupId, JsonObject body) {
    return use.invite().invite(userId, groupId, body);
  }

  @Override
  public Future<JsonObject> listGroupInvitations(String userId, String before, int limit) {
    return use.queries().invitations(userId, PageQuery.before(before, limit));
  }

  @Override
  public Future<JsonObject> acceptGroupInvitation(String userId, String groupId) {
    return use.answer().accept(userId, groupId);
  }

  @Override
  public Future<Void> rejectGroupInvitation(String userId, String groupId) {
    return use.answer().reject(userId, groupId);
  }

  @Override
  public Future<Void> leaveGroup(String userId, String groupId) {
    return use.leave().leave(userId, groupId);
  }

  @Override
  public Future<JsonObject> removeGroupMember(String userId, String groupId, String memberId) {
    return use.remove().remove(userId, groupId, memberId);
  }

  @Override
  public Future<JsonObject> promoteGroupAdmin(String userId, String groupId, String memberId) {
    return use.admins().promote(userId, groupId, memberId);
  }

  @Override
  public Future<JsonObject> demoteGroupAdmin(String userId, String groupId, String memberId) {
    return use.admins().demote(userId, groupId, memberId);
  }
}
