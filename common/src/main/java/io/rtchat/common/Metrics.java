package io.rtchat.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.micrometer.backends.BackendRegistries;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * rtchat's own application metrics ({@code rtchat_*}), in the registry Vert.x serves on the management port's
 * /metrics. Tags take only values from small fixed sets (operation names, outcomes, error codes), never ids: a tag
 * per user or chat would explode the series count. Without metrics (a unit test with a plain Vert.x) every meter is
 * a no-op of Micrometer's empty global registry.
 */
public final class Metrics {

  /** Latency buckets (seconds) of every rtchat timer: from a cached read to a timeout. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  /**
   * Meters already registered, by registry, name and tags. Micrometer would find them again, but building the id and
   * looking it up on every send and every MongoDB command showed in the send path's CPU and allocation profiles.
   */
  private static final Map<MeterKey, Counter> COUNTERS = new ConcurrentHashMap<>();
  private static final Map<MeterKey, Timer> TIMERS = new ConcurrentHashMap<>();

  /** A registry (compared by identity: each Vert.x has its own), a meter's name and its tags. */
  private record MeterKey(MeterRegistry registry, String name, List<String> tags) {
    static MeterKey of(String name, String... tags) {
      return new MeterKey(Metrics.registry(), name, List.of(tags));
    }
  }

  private Metrics() {
  }

  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : io.micrometer.core.instrument.Metrics.globalRegistry;
  }

  /** Adds one to the counter {@code name} (exported as {@code name_total}); {@code tags} are key, value pairs. */
  public static void count(String name, String description, String... tags) {
    COUNTERS.computeIfAbsent(MeterKey.of(name, tags),
      key -> Counter.builder(name).description(description).tags(tags).register(key.registry())).increment();
  }

  /** Records a latency in the histogram {@code name} (exported as {@code name_seconds_bucket|count|sum}). */
  public static void time(String name, String description, long nanos, String... tags) {
    timer(name, description, tags).record(nanos, TimeUnit.NANOSECONDS);
  }

  public static Timer timer(String name, String description, String... tags) {
    return TIMERS.computeIfAbsent(MeterKey.of(name, tags),
      key -> Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
        .register(key.registry()));
  }
}
