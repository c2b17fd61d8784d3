package io.rtchat.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** Latency summary in milliseconds, from an HdrHistogram of microseconds. */
record Percentiles(long count, double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs) {

  static Percentiles of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Percentiles(0, 0, 0, 0, 0, 0);
    }
    return new Percentiles(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
      ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  JsonObject toJson() {
    return new JsonObject().put("count", count).put("p50", p50Ms).put("p95", p95Ms).put("p99", p99Ms)
      .put("p999", p999Ms).put("max", maxMs);
  }
}
