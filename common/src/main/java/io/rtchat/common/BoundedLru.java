package io.rtchat.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code maxEntries}, dropping the least recently used entry first (reads count as use).
 * Not thread-safe: each user keeps it on one event loop (or guards it itself).
 */
public final class BoundedLru<K, V> extends LinkedHashMap<K, V> {

  private final int maxEntries;

  public BoundedLru(int maxEntries) {
    super(Math.min(maxEntries, 1024), 0.75f, true);
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  public int maxEntries() {
    return maxEntries;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > maxEntries;
  }
}
