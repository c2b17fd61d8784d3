package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;

/**
 * Builds every Vert.x instance of rtchat, with Prometheus metrics (served by the gateway at /metrics). Event-bus
 * metrics carry no address label on purpose: inbox addresses are per user and would explode the series count.
 */
public final class VertxFactory {

  private VertxFactory() {
  }

  public static VertxOptions options() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME))
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return new VertxOptions().setMetricsOptions(metrics);
  }

  public static Vertx local() {
    return withCodecs(builder(options()).build());
  }

  /** The event-bus codecs every instance needs (inbox events travel as EncodedEvent). */
  private static Vertx withCodecs(Vertx vertx) {
    EncodedEvent.register(vertx.eventBus());
    return vertx;
  }

  static VertxBuilder builder(VertxOptions options) {
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory());
  }

  static Future<Vertx> clustered(VertxOptions options, io.vertx.core.spi.cluster.ClusterManager manager) {
    return builder(options).withClusterManager(manager).buildClustered().map(VertxFactory::withCodecs);
  }
}
