package io.rtchat.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The services as this gateway sees them, as the metric {@code rtchat_service_up{service=...}} (1 or 0). It is a
 * metric and not the gateway's readiness on purpose: one service mid-rollout (or S3 down) must not take every
 * gateway out of the Ingress.
 */
final class ServiceHealth {

  private final Map<String, Supplier<Future<Void>>> probes = new LinkedHashMap<>();
  private final Map<String, Integer> up = new ConcurrentHashMap<>();
  private long timer = -1;

  ServiceHealth(ServiceProxies services) {
    probes.put("auth-service", services.auth()::ready);
    probes.put("group-service", services.groups()::ready);
    probes.put("chat-service", services.chats()::ready);
    probes.put("ai-service", services.ai()::ready);
    probes.put("media-service", services.media()::ready);
    probes.put("notification-service", services.notifications()::ready);
  }

  void start(Vertx vertx, long intervalMillis) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    probes.keySet().forEach(name -> {
      up.put(name, 0);
      if (registry != null) {
        Gauge.builder("rtchat_service_up", up, m -> m.getOrDefault(name, 0))
          .description("1 when the service answered this gateway's last ready() call")
          .tag("service", name).register(registry);
      }
    });
    probeAll();
    timer = vertx.setPeriodic(intervalMillis, id -> probeAll());
  }

  Future<Void> probeAll() {
    return Future.join(probes.entrySet().stream().map(e -> e.getValue().get()
      .andThen(ar -> up.put(e.getKey(), ar.succeeded() ? 1 : 0))).toList()).mapEmpty();
  }

  void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
