package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.rtchat.api.ChatService;
import io.rtchat.chat.ChatStore;
import io.rtchat.common.Addresses;
import io.rtchat.common.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the AI assistant into a chat-service verticle: its store, its service on {@value AiChatService#ADDRESS},
 * the cluster-wide cancel consumer and the rate limiter's sweep.
 */
public final class AiChats {

  private static final Logger log = LoggerFactory.getLogger(AiChats.class);
  private static final long SWEEP_MILLIS = 60_000;

  private AiChats() {
  }

  /** {@code chats} is the chat service's own store, so the assistant's chat reads see its summaries too. */
  public static Future<Void> start(Vertx vertx, MongoClient mongo, ChatStore chats, Config config) {
    AiSettings settings = AiSettings.from(config);
    AiChatStore store = new AiChatStore(mongo);
    AiChatServiceImpl service = new AiChatServiceImpl(vertx, settings, store, chats,
      ChatService.createProxy(vertx));
    log.info("ai assistant settings={}", settings);
    return store.createIndexes()
      .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.AI_CANCEL, msg -> service.onCancel(msg.body())).completion())
      .compose(v -> new ServiceBinder(vertx).setAddress(AiChatService.ADDRESS).register(AiChatService.class, service).completion())
      .onSuccess(v -> vertx.setPeriodic(SWEEP_MILLIS, id -> service.sweep()));
  }
}
