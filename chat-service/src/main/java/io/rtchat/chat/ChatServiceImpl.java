package io.rtchat.chat;

import io.rtchat.api.ChatService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;

/** The rules of the chat service. */
public class ChatServiceImpl implements ChatService {

  private final MongoClient mongo;

  public ChatServiceImpl(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<io.vertx.core.json.JsonObject> createGroupChat(String groupId, String name, java.util.List<String> participantIds) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> addGroupChatParticipant(String groupId, String userId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> removeGroupChatParticipant(String groupId, String userId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> renameGroupChat(String groupId, String name) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> deleteGroupChat(String groupId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Boolean> isParticipant(String chatId, String userId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<io.vertx.core.json.JsonArray> chatPartnerIds(String userId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
