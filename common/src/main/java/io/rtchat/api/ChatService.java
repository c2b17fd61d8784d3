package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;

import java.util.List;

/**
 * Chats and messages. The client-facing methods arrive with the chat-core issue; the methods below are the ones
 * other services rely on.
 */
@ProxyGen
@VertxGen
public interface ChatService {

  String ADDRESS = Addresses.CHAT_SERVICE;

  static ChatService createProxy(Vertx vertx) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS);
  }

  // ---- called by group-service: a group's chat always has the group's members as participants

  /** Creates the chat of a new group (idempotent per groupId) and answers the chat JSON (with {@code id}). */
  Future<io.vertx.core.json.JsonObject> createGroupChat(String groupId, String name, List<String> participantIds);

  /** Adds one member to the group's chat (idempotent, {@code $addToSet}); participants get {@code chat.updated}. */
  Future<Void> addGroupChatParticipant(String groupId, String userId);

  /** Removes one member from the group's chat (idempotent, {@code $pull}). */
  Future<Void> removeGroupChatParticipant(String groupId, String userId);

  /** Renames the group's chat. */
  Future<Void> renameGroupChat(String groupId, String name);

  /** Deletes the group's chat and its messages. */
  Future<Void> deleteGroupChat(String groupId);

  // ---- called by media-service and notification-service

  /** Whether the user is a participant of the chat (false for unknown chats). */
  Future<Boolean> isParticipant(String chatId, String userId);

  /** Ids of everyone who shares at least one chat with the user (for presence). */
  Future<JsonArray> chatPartnerIds(String userId);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
