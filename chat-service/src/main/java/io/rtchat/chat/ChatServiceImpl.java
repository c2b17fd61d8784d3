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
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
