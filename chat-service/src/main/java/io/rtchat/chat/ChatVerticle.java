package io.rtchat.chat;

import io.rtchat.ai.AiChats;
import io.rtchat.api.ChatService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/** Wires the chat service: config, Mongo, its proxy on {@value ChatService#ADDRESS}, and the AI assistant it hosts. */
public class ChatVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    ChatServiceImpl service = new ChatServiceImpl(vertx, mongo, config);
    return service.createIndexes().compose(v -> new ServiceBinder(vertx)
      .setAddress(ChatService.ADDRESS).register(ChatService.class, service).completion())
      .compose(v -> AiChats.start(vertx, mongo, config));
  }
}
