package io.rtchat.call;

import io.rtchat.api.CallService;
import io.rtchat.api.ChatService;
import io.rtchat.api.GroupService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

import java.time.Duration;

/**
 * Wires the call service on {@value CallService#ADDRESS}: its store, the missed-call sweep and the relay. Deployed
 * by the chat service's verticle; several instances (in one JVM or across the cluster) share the work safely.
 */
public class CallVerticle extends VerticleBase {

  private MissedCalls missed;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    CallStore store = new CallStore(mongo);
    CallEvents events = new CallEvents(vertx.eventBus());
    missed = new MissedCalls(vertx, store, events, NotificationService.createProxy(vertx));
    CallServiceImpl service = new CallServiceImpl(store, ChatService.createProxy(vertx), GroupService.createProxy(vertx),
      events, missed, new SignalRelay(store, vertx.eventBus()), new TurnCredentials(config),
      Duration.ofSeconds(config.getInt(Setting.CALL_RING_TIMEOUT_SECONDS)));
    return store.createIndexes()
      .compose(v -> new ServiceBinder(vertx).setAddress(CallService.ADDRESS).register(CallService.class, service).completion())
      .onSuccess(v -> missed.start());
  }

  @Override
  public Future<?> stop() {
    if (missed != null) {
      missed.stop();
    }
    return Future.succeededFuture();
  }
}
