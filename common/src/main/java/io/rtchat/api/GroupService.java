package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Groups with admins and invitations (friendships are {@link FriendService}; group-service serves both).
 * {@code userId} is always the verified caller. Pages are {@code {items, hasMore}}; {@code limit <= 0} means the
 * default (see PageQuery). A group invitation as returned: {@code {id, kind: "group", sender, receiver, content,
 * status, createdAt, groupId, senderProfile, receiverProfile, group}} ({@code sender}/{@code receiver} are user ids).
 * A group: {@code {id, name, members, admins, invited, createdBy, chatId, createdAt, updatedAt}} (user ids;
 * {@code members} in join order).
 */
@ProxyGen
@VertxGen
public interface GroupService {

  String ADDRESS = Addresses.GROUP_SERVICE;

  static GroupService createProxy(Vertx vertx) {
    return new GroupServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();

  // ---- groups

  /** {@code {name, memberIds?}} → {@code {group, chatId}}; the caller is the first admin, memberIds are invited. */
  Future<JsonObject> createGroup(String userId, JsonObject body);

  /** The groups I am a member of, by id, {@code after} an id. */
  Future<JsonObject> listGroups(String userId, String after, int limit);

  /** One group, for its members, with {@code memberProfiles}. */
  Future<JsonObject> getGroup(String userId, String groupId);

  /** {@code {name}}: admins rename the group (and its chat). */
  Future<JsonObject> renameGroup(String userId, String groupId, JsonObject body);

  /** Admins delete the group, its chat and its pending invitations. */
  Future<Void> deleteGroup(String userId, String groupId);

  /** {@code {userIds}}: admins invite users; answers the group. */
  Future<JsonObject> inviteToGroup(String userId, String groupId, JsonObject body);

  /** My pending group invitations, newest first, {@code before} an id. */
  Future<JsonObject> listGroupInvitations(String userId, String before, int limit);

  /** The invitee joins; answers the group. */
  Future<JsonObject> acceptGroupInvitation(String userId, String groupId);

  /** The invitee declines. */
  Future<Void> rejectGroupInvitation(String userId, String groupId);

  /** A member leaves; a last admin hands admin to the longest-standing member; the last member deletes the group. */
  Future<Void> leaveGroup(String userId, String groupId);

  /** Admins remove a member; answers the group. */
  Future<JsonObject> removeGroupMember(String userId, String groupId, String memberId);

  /** Admins make a member admin; answers the group. */
  Future<JsonObject> promoteGroupAdmin(String userId, String groupId, String memberId);

  /** Admins take admin away (a last admin cannot demote themself); answers the group. */
  Future<JsonObject> demoteGroupAdmin(String userId, String groupId, String memberId);
}
