package io.rtchat.chat;

import io.rtchat.api.ChatService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The chat service's contract, delegated to one use case per job; the rules live in those classes (and who may see
 * what in ChatAccess, every query in ChatStore and MessageStore, every event in ChatEvents). ChatVerticle builds them.
 */
public class ChatServiceImpl implements ChatService {

  private final ChatStore chats;
  private final GroupChatSync groupChats;
  private final ParticipantQueries participants;
  private final ChatDirectory directory;
  private final MessageSending sending;
  private final ReadState readState;
  private final MessageActions actions;
  private final ChatCollections collections;
  private final MessageSearch search;
  private final AssistantChats assistantChats;

  ChatServiceImpl(ChatStore chats, GroupChatSync groupChats, ParticipantQueries participants, ChatDirectory directory,
                  MessageSending sending, ReadState readState, MessageActions actions, ChatCollections collections,
                  MessageSearch search, AssistantChats assistantChats) {
    this.chats = chats;
    this.groupChats = groupChats;
    this.participants = participants;
    this.directory = directory;
    this.sending = sending;
    this.readState = readState;
    this.actions = actions;
    this.collections = collections;
    this.search = search;
    this.assistantChats = assistantChats;
  }

  // ---- group-service keeps each group's chat in step (GroupChatSync)

  @Override
  public Future<JsonObject> createGroupChat(String groupId, String name, List<String> participantIds) {
    return groupChats.create(groupId, name, participantIds);
  }

  @Override
  public Future<Void> syncGroupChatMembers(String groupId, List<String> memberIds, long version) {
    return groupChats.syncMembers(groupId, memberIds, version);
  }

  @Override
  public Future<Void> renameGroupChat(String groupId, String name) {
    return groupChats.rename(groupId, name);
  }

  @Override
  public Future<Void> deleteGroupChat(String groupId) {
    return groupChats.delete(groupId);
  }

  // ---- other services' questions (ParticipantQueries)

  @Override
  public Future<Boolean> isParticipant(String chatId, String userId) {
    return participants.isParticipant(chatId, userId);
  }

  @Override
  public Future<JsonArray> chatPartnerIds(String userId) {
    return participants.chatPartnerIds(userId);
  }

  @Override
  public Future<List<String>> referencedMedia(List<String> mediaIds) {
    return participants.referencedMedia(mediaIds);
  }

  @Override
  public Future<Void> ready() {
    return chats.ping();
  }

  // ---- a user's chats (ChatDirectory)

  @Override
  public Future<JsonObject> openDirectChat(String userId, JsonObject body) {
    return directory.openDirectChat(userId, body);
  }

  @Override
  public Future<JsonObject> listChats(String userId, JsonObject query) {
    return directory.list(userId, query);
  }

  @Override
  public Future<JsonObject> searchChats(String userId, JsonObject query) {
    return directory.search(userId, query);
  }

  @Override
  public Future<JsonObject> getChat(String userId, String chatId) {
    return directory.get(userId, chatId);
  }

  @Override
  public Future<JsonObject> pinChat(String userId, String chatId, boolean pinned) {
    return directory.pin(userId, chatId, pinned);
  }

  // ---- history and collections (ChatCollections), search (MessageSearch)

  @Override
  public Future<JsonObject> listMessages(String userId, String chatId, JsonObject query) {
    return collections.history(userId, chatId, query);
  }

  @Override
  public Future<JsonObject> chatCollection(String userId, String chatId, String kind, JsonObject query) {
    return collections.collection(userId, chatId, kind, query);
  }

  @Override
  public Future<JsonObject> searchMessages(String userId, JsonObject query) {
    return search.search(userId, query);
  }

  // ---- sending (MessageSending), read receipts (ReadState), after sending (MessageActions)

  @Override
  public Future<JsonObject> sendMessage(String userId, String chatId, JsonObject body) {
    return sending.send(userId, chatId, body);
  }

  // ---- ai-service answers in each user's assistant chat (AssistantChats)

  @Override
  public Future<JsonObject> openAssistantChat(String userId) {
    return assistantChats.open(userId);
  }

  @Override
  public Future<JsonObject> sendAssistantQuestion(String userId, String chatId, JsonObject body) {
    return assistantChats.question(userId, chatId, body);
  }

  @Override
  public Future<JsonObject> sendAssistantReply(String assistantId, String chatId, JsonObject body) {
    return assistantChats.reply(assistantId, chatId, body);
  }

  @Override
  public Future<JsonObject> markRead(String userId, String chatId, JsonObject body) {
    return readState.markRead(userId, chatId, body);
  }

  @Override
  public Future<Void> typing(String userId, String chatId) {
    return actions.typing(userId, chatId);
  }

  @Override
  public Future<JsonObject> editMessage(String userId, String messageId, JsonObject body) {
    return actions.edit(userId, messageId, body);
  }

  @Override
  public Future<Void> deleteMessage(String userId, String messageId) {
    return actions.delete(userId, messageId);
  }

  @Override
  public Future<JsonObject> starMessage(String userId, String messageId, boolean starred) {
    return actions.star(userId, messageId, starred);
  }
}
