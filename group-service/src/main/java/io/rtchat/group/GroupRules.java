package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** Groups, admins and group invitations (arriving in the next step). */
class GroupRules {

  private final EventBus bus;
  private final AuthService auth;
  private final ChatService chats;
  private final Notifier notifier;
  private final InvitationStore invitations;
  private final GroupStore groups;
  private final SocialStore social;

  GroupRules(EventBus bus, AuthService auth, ChatService chats, Notifier notifier, InvitationStore invitations,
             GroupStore groups, SocialStore social) {
    this.bus = bus;
    this.auth = auth;
    this.chats = chats;
    this.notifier = notifier;
    this.invitations = invitations;
    this.groups = groups;
    this.social = social;
  }

  private static <T> Future<T> notYet() {
    return Errors.fail(ErrorCode.UNAVAILABLE, "Groups are not available yet");
  }

  Future<JsonObject> create(String userId, JsonObject body) {
    return notYet();
  }

  Future<JsonObject> listMine(String userId, String after, int limit) {
    return notYet();
  }

  Future<JsonObject> get(String userId, String groupId) {
    return notYet();
  }

  Future<JsonObject> rename(String userId, String groupId, JsonObject body) {
    return notYet();
  }

  Future<Void> delete(String userId, String groupId) {
    return notYet();
  }

  Future<JsonObject> invite(String userId, String groupId, JsonObject body) {
    return notYet();
  }

  Future<JsonObject> listInvitations(String userId, String before, int limit) {
    return notYet();
  }

  Future<JsonObject> accept(String userId, String groupId) {
    return notYet();
  }

  Future<Void> reject(String userId, String groupId) {
    return notYet();
  }

  Future<Void> leave(String userId, String groupId) {
    return notYet();
  }

  Future<JsonObject> removeMember(String userId, String groupId, String memberId) {
    return notYet();
  }

  Future<JsonObject> promote(String userId, String groupId, String memberId) {
    return notYet();
  }

  Future<JsonObject> demote(String userId, String groupId, String memberId) {
    return notYet();
  }
}
