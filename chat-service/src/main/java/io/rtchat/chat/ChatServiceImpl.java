package io.rtchat.chat;

import io.rtchat.api.ChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Ids;
import io.rtchat.common.Inbox;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules of the chat service. */
public class ChatServiceImpl implements ChatService {

  private final Vertx vertx;
  private final MongoClient mongo;
  private final ChatStore store;

  public ChatServiceImpl(Vertx vertx, MongoClient mongo) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.store = new ChatStore(mongo);
  }

  public Future<Void> createIndexes() {
    return store.createIndexes();
  }

  @Override
  public Future<JsonObject> createGroupChat(String groupId, String name, List<String> participantIds) {
    return store.upsertGroupChat(groupId, name, participantIds).map(doc -> {
      JsonObject chat = ChatViews.chat(doc);
      Inbox.publish(vertx.eventBus(), participantsOf(doc), EventTypes.CHAT_CREATED, chat);
      return chat;
    });
  }

  @Override
  public Future<Void> addGroupChatParticipant(String groupId, String userId) {
    return store.updateGroupChat(groupId, new JsonObject().put("$addToSet", new JsonObject().put("participants", userId)))
      .compose(doc -> announceChange(doc, userId));
  }

  @Override
  public Future<Void> removeGroupChatParticipant(String groupId, String userId) {
    return store.updateGroupChat(groupId, new JsonObject().put("$pull", new JsonObject().put("participants", userId)))
      .compose(doc -> announceChange(doc, userId));
  }

  @Override
  public Future<Void> renameGroupChat(String groupId, String name) {
    return store.updateGroupChat(groupId, new JsonObject().put("$set", new JsonObject().put("name", name)))
      .compose(doc -> announceChange(doc, null));
  }

  @Override
  public Future<Void> deleteGroupChat(String groupId) {
    return store.byGroup(groupId).compose(doc -> doc == null
      ? Future.succeededFuture()
      : store.deleteChat(doc.getString("_id")));
  }

  /** Tells every participant (and a member who just left) that the chat changed. */
  private Future<Void> announceChange(JsonObject doc, String alsoTell) {
    if (doc == null) {
      return Errors.fail(ErrorCode.CHAT_NOT_FOUND, "The group has no chat");
    }
    Set<String> audience = new LinkedHashSet<>(participantsOf(doc));
    if (alsoTell != null) {
      audience.add(alsoTell);
    }
    Inbox.publish(vertx.eventBus(), audience, EventTypes.CHAT_UPDATED, ChatViews.chat(doc));
    return Future.succeededFuture();
  }

  private static List<String> participantsOf(JsonObject doc) {
    return doc.getJsonArray("participants", new JsonArray()).stream().map(String::valueOf).toList();
  }

  @Override
  public Future<Boolean> isParticipant(String chatId, String userId) {
    if (!Ids.isValid(chatId) || !Ids.isValid(userId)) {
      return Future.succeededFuture(false);
    }
    return store.isParticipant(chatId, userId);
  }

  @Override
  public Future<JsonArray> chatPartnerIds(String userId) {
    return store.participantsOfChatsOf(userId).map(chats -> {
      Set<String> partners = new LinkedHashSet<>();
      chats.forEach(chat -> partners.addAll(participantsOf(chat)));
      partners.remove(userId);
      return new JsonArray(List.copyOf(partners));
    });
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
