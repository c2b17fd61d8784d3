package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.rtchat.api.ChatService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the AI assistant: its settings, its store ({@code ai_chats}), chat-service's proxy (the assistant reads and
 * posts in the user's chat through that contract only), the service on {@value AiChatService#ADDRESS}, the
 * cluster-wide cancel consumer and the rate limiter's sweep.
 */
public class AiVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AiVerticle.class);
  private static final long SWEEP_MILLIS = 60_000;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    AiSettings settings = AiSettings.from(config);
    MongoClient mongo = Mongo.client(vertx, config);
    AiChatStore store = new AiChatStore(mongo);
    AiChatServiceImpl service = new AiChatServiceImpl(vertx, settings, store, ChatService.createProxy(vertx));
    log.info("ai assistant settings={}", settings);
    return store.createIndexes()
      .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.AI_CANCEL, msg -> service.onCancel(msg.body())).completion())
      .compose(v -> new ServiceBinder(vertx).setAddress(AiChatService.ADDRESS).register(AiChatService.class, service).completion())
      .onSuccess(v -> vertx.setPeriodic(SWEEP_MILLIS, id -> service.sweep()));
  }
}
