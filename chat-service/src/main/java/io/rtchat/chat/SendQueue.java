package io.rtchat.chat;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends to one chat run one after another on this instance, and each chat's last stored seq is remembered here as a
 * hint for the next one. The unique {@code chatId+seq} index, not this class, is what keeps seqs right: across
 * instances (or after a restart) a stale hint just costs one duplicate-key retry. Serialising per chat only avoids
 * a storm of such retries when many people post to one chat at once. Used from the service's event loop only.
 */
final class SendQueue {

  static final int MAX_HINTS = 10_000;

  private final Map<String, Future<?>> tails = new HashMap<>();
  private final Map<String, Long> hints = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_HINTS;
    }
  };

  /** Runs {@code work} once every earlier send of the chat on this instance has finished (either way). */
  synchronized <T> Future<T> serially(String chatId, Supplier<Future<T>> work) {
    Future<?> tail = tails.getOrDefault(chatId, Future.succeededFuture());
    Future<T> mine = tail.transform(ar -> work.get());
    tails.put(chatId, mine);
    mine.onComplete(ar -> forget(chatId, mine));
    return mine;
  }

  private synchronized void forget(String chatId, Future<?> mine) {
    if (tails.get(chatId) == mine) {
      tails.remove(chatId);
    }
  }

  /** The last seq this instance stored in the chat, or null when it does not know. */
  synchronized Long hint(String chatId) {
    return hints.get(chatId);
  }

  synchronized void stored(String chatId, long seq) {
    hints.merge(chatId, seq, Math::max);
  }

  synchronized void distrust(String chatId) {
    hints.remove(chatId);
  }
}
