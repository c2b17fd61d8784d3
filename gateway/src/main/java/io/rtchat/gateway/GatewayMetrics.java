package io.rtchat.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

/** The bridge's load as Prometheus gauges: open sockets and users signed in on this gateway. */
final class GatewayMetrics {

  private GatewayMetrics() {
  }

  static void register(EventBridge bridge) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      return;
    }
    Gauge.builder("rtchat_bridge_sockets_open", bridge, EventBridge::openSocketCount)
      .description("Event-bus bridge sockets open on this gateway").register(registry);
    Gauge.builder("rtchat_bridge_users_authenticated", bridge, EventBridge::connectedUsers)
      .description("Users with at least one authenticated socket on this gateway").register(registry);
  }
}
