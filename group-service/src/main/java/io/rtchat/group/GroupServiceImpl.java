package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.GroupService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

/**
 * The group service's API. The rules live in two places: {@link FriendRules} (friend requests, friendships) and
 * {@link GroupRules} (groups, admins, group invitations); this class only routes each call to its rule set.
 */
public class GroupServiceImpl implements GroupService {

  private final MongoClient mongo;
  private final InvitationStore invitations;
  private final GroupStore groups;
  private final FriendRules friendRules;
  private final GroupRules groupRules;

  public GroupServiceImpl(Vertx vertx, MongoClient mongo) {
    this.mongo = mongo;
    this.invitations = new InvitationStore(mongo);
    this.groups = new GroupStore(mongo);
    SocialStore social = new SocialStore(mongo);
    AuthService auth = AuthService.createProxy(vertx);
    Notifier notifier = new Notifier(NotificationService.createProxy(vertx));
    this.friendRules = new FriendRules(vertx.eventBus(), auth, notifier, invitations, social);
    this.groupRules = new GroupRules(vertx.eventBus(), auth, ChatService.createProxy(vertx), notifier, invitations, groups, social);
  }

  public Future<Void> createIndexes() {
    return invitations.createIndexes().compose(v -> groups.createIndexes());
  }

  @Override
  public Future<Boolean> areFriends(String userId, String otherUserId) {
    return friendRules.areFriends(userId, otherUserId);
  }

  @Override
  public Future<JsonArray> friendIds(String userId) {
    return friendRules.friendIds(userId);
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  @Override
  public Future<JsonObject> sendFriendRequest(String userId, JsonObject body) {
    return friendRules.send(userId, body);
  }

  @Override
  public Future<JsonObject> listFriendRequests(String userId, String direction, String before, int limit) {
    return friendRules.list(userId, direction, before, limit);
  }

  @Override
  public Future<JsonObject> acceptFriendRequest(String userId, String requestId) {
    return friendRules.accept(userId, requestId);
  }

  @Override
  public Future<JsonObject> rejectFriendRequest(String userId, String requestId) {
    return friendRules.reject(userId, requestId);
  }

  @Override
  public Future<Void> cancelFriendRequest(String userId, String requestId) {
    return friendRules.cancel(userId, requestId);
  }

  @Override
  public Future<JsonObject> listFriends(String userId, String after, int limit) {
    return friendRules.listFriends(userId, after, limit);
  }

  @Override
  public Future<Void> removeFriend(String userId, String friendId) {
    return friendRules.removeFriend(userId, friendId);
  }

  @Override
  public Future<JsonObject> listNonFriends(String userId, String after, int limit) {
    return friendRules.listNonFriends(userId, after, limit);
  }

  @Override
  public Future<JsonObject> createGroup(String userId, JsonObject body) {
    return groupRules.create(userId, body);
  }

  @Override
  public Future<JsonObject> listGroups(String userId, String after, int limit) {
    return groupRules.listMine(userId, after, limit);
  }

  @Override
  public Future<JsonObject> getGroup(String userId, String groupId) {
    return groupRules.get(userId, groupId);
  }

  @Override
  public Future<JsonObject> renameGroup(String userId, String groupId, JsonObject body) {
    return groupRules.rename(userId, groupId, body);
  }

  @Override
  public Future<Void> deleteGroup(String userId, String groupId) {
    return groupRules.delete(userId, groupId);
  }

  @Override
  public Future<JsonObject> inviteToGroup(String userId, String groupId, JsonObject body) {
    return groupRules.invite(userId, groupId, body);
  }

  @Override
  public Future<JsonObject> listGroupInvitations(String userId, String before, int limit) {
    return groupRules.listInvitations(userId, before, limit);
  }

  @Override
  public Future<JsonObject> acceptGroupInvitation(String userId, String groupId) {
    return groupRules.accept(userId, groupId);
  }

  @Override
  public Future<Void> rejectGroupInvitation(String userId, String groupId) {
    return groupRules.reject(userId, groupId);
  }

  @Override
  public Future<Void> leaveGroup(String userId, String groupId) {
    return groupRules.leave(userId, groupId);
  }

  @Override
  public Future<JsonObject> removeGroupMember(String userId, String groupId, String memberId) {
    return groupRules.removeMember(userId, groupId, memberId);
  }

  @Override
  public Future<JsonObject> promoteGroupAdmin(String userId, String groupId, String memberId) {
    return groupRules.promote(userId, groupId, memberId);
  }

  @Override
  public Future<JsonObject> demoteGroupAdmin(String userId, String groupId, String memberId) {
    return groupRules.demote(userId, groupId, memberId);
  }
}
