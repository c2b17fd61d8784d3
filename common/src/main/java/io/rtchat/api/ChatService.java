package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Chats and messages: the methods other services rely on, then the client-facing ones. Messages carry a per-chat
 * {@code seq} without gaps, so a client that was away asks for {@code after=<last seq>} and gets exactly what it
 * missed.
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
  Future<JsonObject> createGroupChat(String groupId, String name, List<String> participantIds);

  /**
   * Makes the group's chat's participants exactly the group's members as of membership {@code version} (group-service
   * counts every membership change). Idempotent, and a list older than the last one taken changes nothing, so a retry
   * or a reconciliation can never bring back a member removed since; participants and those removed get
   * {@code chat.updated}. A group without a chat: chat.not_found.
   */
  Future<Void> syncGroupChatMembers(String groupId, List<String> memberIds, long version);

  /** Renames the group's chat. */
  Future<Void> renameGroupChat(String groupId, String name);

  /** Deletes the group's chat and its messages. */
  Future<Void> deleteGroupChat(String groupId);

  // ---- called by media-service and notification-service

  /** Whether the user is a participant of the chat (false for unknown chats). */
  Future<Boolean> isParticipant(String chatId, String userId);

  /** Ids of everyone who shares at least one chat with the user (for presence). */
  Future<JsonArray> chatPartnerIds(String userId);

  /**
   * Which of these media ids a stored, undeleted message holds as an attachment (media-service asks before it
   * reclaims an upload; a deleted message holds none).
   */
  Future<List<String>> referencedMedia(List<String> mediaIds);

  // ---- called by ai-service: each user's assistant chat ({@code kind: "ai"}, participants the user and
  // AiChatService.ASSISTANT_ID), which refuses sendMessage (ai.use_ai_route). Each method checks who may do what
  // in that chat, as sendMessage checks membership; anything else answers chat.not_found.

  /**
   * The user's assistant chat, created pinned on first use (unique per user; {@code chat.created} reaches the user's
   * devices) → {@code {created, chat}}, the chat as the user sees it.
   */
  Future<JsonObject> openAssistantChat(String userId);

  /**
   * The user's question in their own assistant chat, {@code {clientMsgId, content}}, text only, through the normal
   * send path (seq, idempotent {@code clientMsgId}, {@code message.new}) → {@code {created, message}}.
   */
  Future<JsonObject> sendAssistantQuestion(String userId, String chatId, JsonObject body);

  /**
   * The assistant's reply, {@code {clientMsgId, content, incomplete?}}, from {@code assistantId}, which must be the
   * chat's assistant (its participant that is not the chat's user) → {@code {created, message}}. Only a reply may be
   * stored {@code incomplete} (stopped or cut short).
   */
  Future<JsonObject> sendAssistantReply(String assistantId, String chatId, JsonObject body);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();

  // ---- client-facing (REST and bridge commands; userId is always the caller verified by the gateway).
  // A chat that the caller does not take part in answers chat.not_found, never revealing that it exists.
  // Paging queries are {@code {before?, after?, limit?}} (a seq for messages, see API.md).

  /** {@code {participantId}} → {@code {created, chat}}: the 1:1 chat with a friend, created once. */
  Future<JsonObject> openDirectChat(String userId, JsonObject body);

  /** My chats, pinned first, then by last activity; {@code {limit?, before? (ISO time of last activity)}}. */
  Future<JsonObject> listChats(String userId, JsonObject query);

  /** My chats whose group name or other participant's name or username matches {@code {q, limit?}}. */
  Future<JsonObject> searchChats(String userId, JsonObject query);

  /** One chat, as I see it (with {@code unreadCount}, {@code pinned}). */
  Future<JsonObject> getChat(String userId, String chatId);

  /** Pins or unpins the chat for me; answers the chat. */
  Future<JsonObject> pinChat(String userId, String chatId, boolean pinned);

  /** A page of the chat's messages by {@code seq}, oldest first within the page. */
  Future<JsonObject> listMessages(String userId, String chatId, JsonObject query);

  /**
   * {@code {clientMsgId?, type, content?, attachmentIds?}} → {@code {created, message}}; the same clientMsgId again
   * answers the stored message with {@code created:false}.
   */
  Future<JsonObject> sendMessage(String userId, String chatId, JsonObject body);

  /** {@code {seq}}: everything up to seq is read by me → {@code {chatId, readSeq, unreadCount}}. */
  Future<JsonObject> markRead(String userId, String chatId, JsonObject body);

  /** Tells the chat's other participants that I am typing (not stored, throttled). */
  Future<Void> typing(String userId, String chatId);

  /** {@code {content}}: the sender edits the message; answers it. */
  Future<JsonObject> editMessage(String userId, String messageId, JsonObject body);

  /** The sender deletes the message (soft: it keeps its seq, its content and attachments go). */
  Future<Void> deleteMessage(String userId, String messageId);

  /** Stars or unstars the message for me; answers it. */
  Future<JsonObject> starMessage(String userId, String messageId, boolean starred);

  /** One of the chat's collections: {@code starred} (mine), {@code media}, {@code links}, {@code files}. */
  Future<JsonObject> chatCollection(String userId, String chatId, String kind, JsonObject query);

  /** {@code {q, chatId?, limit?, before? (message id)}}: messages in my chats whose text matches, newest first. */
  Future<JsonObject> searchMessages(String userId, JsonObject query);
}
