package io.rtchat.gateway;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per bridge socket for call signalling: up to {@code perSecond} signals a second (bursts up to the
 * same number), so one socket cannot flood another user's devices. Used only on the event loop of the gateway
 * verticle; idle buckets are dropped as the map is used, so closed sockets leave nothing behind for long.
 */
final class SignalRateLimit {

  private static final long IDLE_NANOS = 10_000_000_000L;

  private final double perSecond;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private long lastPrune = System.nanoTime();

  SignalRateLimit(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Takes one token for the socket; false when its bucket is empty. */
  boolean tryAcquire(String socketId, long nowNanos) {
    prune(nowNanos);
    Bucket bucket = buckets.computeIfAbsent(socketId, k -> new Bucket(perSecond, nowNanos));
    bucket.tokens = Math.min(perSecond, bucket.tokens + (nowNanos - bucket.updated) * perSecond / 1e9);
    bucket.updated = nowNanos;
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  int size() {
    return buckets.size();
  }

  private void prune(long nowNanos) {
    if (nowNanos - lastPrune < IDLE_NANOS) {
      return;
    }
    lastPrune = nowNanos;
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (nowNanos - it.next().updated > IDLE_NANOS) {
        it.remove();
      }
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
