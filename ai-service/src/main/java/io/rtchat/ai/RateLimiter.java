package io.rtchat.ai;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most N questions per user in any sliding minute, counted on this ai-service instance (the questions of one
 * user spread over instances could reach N per instance: a ceiling on cost, not an exact quota). Used only from the
 * service's event loop.
 */
final class RateLimiter {

  static final long WINDOW_MILLIS = 60_000;

  private final int perWindow;
  private final Map<String, Deque<Long>> recent = new HashMap<>();

  RateLimiter(int perWindow) {
    this.perWindow = perWindow;
  }

  /** 0 when the user may ask now, else how long until they may. */
  long waitMillis(String userId, long now) {
    Deque<Long> times = recent.get(userId);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
      times.pollFirst();
    }
    if (times.isEmpty()) {
      recent.remove(userId);
      return 0;
    }
    return times.size() < perWindow ? 0 : times.peekFirst() + WINDOW_MILLIS - now;
  }

  void record(String userId, long now) {
    recent.computeIfAbsent(userId, id -> new ArrayDeque<>()).addLast(now);
  }

  /** Forgets users with nothing in the window (called periodically, so idle users cost no memory). */
  void sweep(long now) {
    recent.entrySet().removeIf(e -> {
      Deque<Long> times = e.getValue();
      while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
        times.pollFirst();
      }
      return times.isEmpty();
    });
  }
}
