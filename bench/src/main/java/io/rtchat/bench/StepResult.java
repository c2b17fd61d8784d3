package io.rtchat.bench;

import io.vertx.core.json.JsonObject;

/** The figures of one rate step of one scenario. */
final class StepResult {

  String scenario;
  double targetRate;
  double seconds;
  long sent;
  double sentPerSec;
  long acked;
  long sendErrors;
  long noReply;
  long expected;
  long delivered;
  double deliveredPerSec;
  long lost;
  long duplicates;
  long unexpected;
  Percentiles latency;
  Percentiles ackLatency;
  double maxSendLagMs;
  double serverCpuPercent;
  double generatorCpuPercent;
  long serverRssBytes;
  boolean pass;

  JsonObject toJson() {
    return new JsonObject()
      .put("targetMsgPerSec", round(targetRate)).put("seconds", seconds)
      .put("sent", sent).put("sentPerSec", round(sentPerSec))
      .put("acked", acked).put("sendErrors", sendErrors).put("noReply", noReply)
      .put("expectedDeliveries", expected).put("delivered", delivered).put("deliveredPerSec", round(deliveredPerSec))
      .put("lost", lost).put("duplicates", duplicates).put("unexpected", unexpected)
      .put("latencyMs", latency.toJson()).put("replyLatencyMs", ackLatency.toJson())
      .put("maxSendLagMs", round(maxSendLagMs))
      .put("serverCpuPercent", round(serverCpuPercent)).put("generatorCpuPercent", round(generatorCpuPercent))
      .put("serverRssBytes", serverRssBytes).put("pass", pass);
  }

  String line() {
    return String.format("%-9s rate %8.0f msg/s → sent %8.0f/s delivered %9.0f/s p50 %6.2f p99 %7.2f max %7.2f ms"
        + " lost %d dup %d err %d noReply %d cpu srv %3.0f%% gen %3.0f%% lag %.1f ms %s",
      scenario, targetRate, sentPerSec, deliveredPerSec, latency.p50Ms(), latency.p99Ms(), latency.maxMs(),
      lost, duplicates, sendErrors, noReply, serverCpuPercent, generatorCpuPercent, maxSendLagMs, pass ? "PASS" : "FAIL");
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
