package io.rtchat.chat;

import io.rtchat.chat.group.GroupChatSync;
import io.rtchat.api.ChatService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.util.List;

/**
 * The chat service's contract, each method delegated to its use case; the rules live in those classes (and who may
 * see what in ChatAccess, every query in ChatStore and MessageStore). ChatVerticle builds them into {@link UseCases}.
 */
public class ChatServiceImpl implements ChatService {

  /** One use case per job the contract offers, the shape group-service's facade has too. */
  record UseCases(GroupChatSync groupChats, ParticipantQueries participants, OpenDirectChat openDirect,
                  ListChats listChats, SearchChats searchChats, GetChat getChat, PinChat pin, SendMessage send,
                  MarkRead markRead, EditMessage edit, DeleteMessage delete, StarMessage star, SignalTyping typing,
                  ReadHistory history, SearchMessages search, AssistantChats assistantChats) {
  }

  private final MongoClient mongo;
  private final UseCases use;

  ChatServiceImpl(MongoClient mongo, UseCases use) {
    this.mongo = mongo;
    this.use = use;
  }

  // ---- group-service keeps each group's chat in step (GroupChatSync)

  @Override
  public Future<JsonObject> createGroupChat(String groupId, String name, List<String> participantIds) {
    return use.groupChats().create(groupId, name, participantIds);
  }

  @Override
  public Future<Void> syncGroupChatMembers(String groupId, List<String> memberIds, long version) {
    return use.groupChats().syncMembers(groupId, memberIds, version);
  }

  @Override
  public Future<Void> renameGroupChat(String groupId, String name) {
    return use.groupChats().rename(groupId, name);
  }

  @Override
  public Future<Void> deleteGroupChat(String groupId) {
    return use.groupChats().delete(groupId);
  }

  // ---- other services' questions (ParticipantQueries)

  @Override
  public Future<Boolean> isParticipant(String chatId, String userId) {
    return use.participants().isParticipant(chatId, userId);
  }

  @Override
  public Future<JsonArray> chatPartnerIds(String userId) {
    return use.participants().chatPartnerIds(userId);
  }

  @Override
  public Future<List<String>> referencedMedia(List<String> mediaIds) {
    return use.participants().referencedMedia(mediaIds);
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  // ---- a user's chats (OpenDirectChat, ListChats, SearchChats, GetChat, PinChat)

  @Override
  public Future<JsonObject> openDirectChat(String userId, JsonObject body) {
    return use.openDirect().openDirectChat(userId, body);
  }

  @Override
  public Future<JsonObject> listChats(String userId, JsonObject query) {
    return use.listChats().list(userId, query);
  }

  @Override
  public Future<JsonObject> searchChats(String userId, JsonObject query) {
    return use.searchChats().search(userId, query);
  }

  @Override
  public Future<JsonObject> getChat(String userId, String chatId) {
    return use.getChat().get(userId, chatId);
  }

  @Override
  public Future<JsonObject> pinChat(String userId, String chatId, boolean pinned) {
    return use.pin().pin(userId, chatId, pinned);
  }

  // ---- history and collections (ReadHistory), search (SearchMessages)

  @Override
  public Future<JsonObject> listMessages(String userId, String chatId, JsonObject query) {
    return use.history().history(userId, chatId, query);
  }

  @Override
  public Future<JsonObject> chatCollection(String userId, String chatId, String kind, JsonObject query) {
    return use.history().collection(userId, chatId, kind, query);
  }

  @Override
  public Future<JsonObject> searchMessages(String userId, JsonObject query) {
    return use.search().search(userId, query);
  }

  // ---- sending (SendMessage), read receipts (MarkRead), after sending (EditMessage, DeleteMessage, StarMessage, SignalTyping)

  @Override
  public Future<JsonObject> sendMessage(String userId, String chatId, JsonObject body) {
    return use.send().send(userId, chatId, body);
  }

  // ---- ai-service answers in each user's assistant chat (AssistantChats)

  @Override
  public Future<JsonObject> openAssistantChat(String userId) {
    return use.assistantChats().open(userId);
  }

  @Override
  public Future<JsonObject> sendAssistantQuestion(String userId, String chatId, JsonObject body) {
    return use.assistantChats().question(userId, chatId, body);
  }

  @Override
  public Future<JsonObject> sendAssistantReply(String assistantId, String chatId, JsonObject body) {
    return use.assistantChats().reply(assistantId, chatId, body);
  }

  @Override
  public Future<JsonObject> markRead(String userId, String chatId, JsonObject body) {
    return use.markRead().markRead(userId, chatId, body);
  }

  @Override
  public Future<Void> typing(String userId, String chatId) {
    return use.typing().typing(userId, chatId);
  }

  @Override
  public Future<JsonObject> editMessage(String userId, String messageId, JsonObject body) {
    return use.edit().edit(userId, messageId, body);
  }

  @Override
  public Future<Void> deleteMessage(String userId, String messageId) {
    return use.delete().delete(userId, messageId);
  }

  @Override
  public Future<JsonObject> starMessage(String userId, String messageId, boolean starred) {
    return use.star().star(userId, messageId, starred);
  }
}
