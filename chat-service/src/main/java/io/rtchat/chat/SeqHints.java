package io.rtchat.chat;

import io.rtchat.common.BoundedLru;

import java.util.Map;

/**
 * Each chat's last stored seq, remembered as a hint for the next send so that a plain send reads no max seq from
 * the store. The unique {@code chatId+seq} index, not this class, is what keeps seqs right: across instances (or
 * after a restart) a stale hint just costs one duplicate-key retry, after which the hint is distrusted and the store
 * asked. Bounded (least recently used chats go first). Used from the service's event loop only.
 */
final class SeqHints {

  static final int MAX_HINTS = 10_000;

  private final Map<String, Long> hints = new BoundedLru<>(MAX_HINTS);

  /** The last seq this instance stored in the chat, or null when it does not know. */
  Long hint(String chatId) {
    return hints.get(chatId);
  }

  void stored(String chatId, long seq) {
    hints.merge(chatId, seq, Math::max);
  }

  void distrust(String chatId) {
    hints.remove(chatId);
  }
}
