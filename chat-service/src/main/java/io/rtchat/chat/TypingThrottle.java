package io.rtchat.chat;

import io.rtchat.common.BoundedLru;

import java.util.Map;

/**
 * At most one {@code chat.typing} per (user, chat) per window: a client may send a key-press stream, the others
 * need one signal every couple of seconds. Kept in memory (typing is never stored), bounded.
 */
final class TypingThrottle {

  static final long WINDOW_MS = 2_000;
  static final int MAX_ENTRIES = 50_000;

  private final Map<String, Long> lastSent = new BoundedLru<>(MAX_ENTRIES);

  /** Whether a signal from this user in this chat was let through within the window. */
  synchronized boolean recentlySent(String userId, String chatId, long nowMs) {
    Long last = lastSent.get(userId + ":" + chatId);
    return last != null && nowMs - last < WINDOW_MS;
  }

  synchronized void sent(String userId, String chatId, long nowMs) {
    lastSent.put(userId + ":" + chatId, nowMs);
  }
}
