package io.rtchat.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per key (a user id, a client IP): {@code burst} tokens at most, refilled at {@code perSecond}.
 * Each request takes one token; an empty bucket answers how long until the next token. The map is bounded (least
 * recently used keys go first: a forgotten key starts with a full bucket, which only errs on the side of the client).
 * Used from one event loop (the gateway verticle's), so it needs no locking.
 */
public final class TokenBuckets {

  private static final int MAX_KEYS = 100_000;

  private final double perMilli;
  private final double burst;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_KEYS;
    }
  };

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }

  public TokenBuckets(double perSecond, int burst) {
    this.perMilli = perSecond / 1000.0;
    this.burst = Math.max(1, burst);
  }

  /** Takes one token: 0 when granted, else the whole seconds to wait before the next one (at least 1). */
  public long take(String key) {
    return take(key, System.currentTimeMillis());
  }

  long take(String key, long now) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new Bucket(burst, now);
      buckets.put(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMilli);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    if (perMilli <= 0) {
      return 60;
    }
    double missingMillis = (1 - bucket.tokens) / perMilli;
    return Math.max(1, (long) Math.ceil(missingMillis / 1000.0));
  }
}
