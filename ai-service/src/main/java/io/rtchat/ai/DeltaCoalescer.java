package io.rtchat.ai;

import io.vertx.core.Vertx;

import java.util.function.Consumer;

/**
 * Turns a provider's many small pieces of text (often one per token) into at most one {@code ai.delta} per
 * interval: the first piece after a quiet spell goes out at once (no added latency), later ones are held until
 * the interval since the last delta has passed. At 50 ms that is at most 20 events a second per reply, whatever the
 * model's speed, so a fast model cannot flood every device of the user.
 */
final class DeltaCoalescer {

  static final long INTERVAL_MILLIS = 50;

  private final Vertx vertx;
  private final Consumer<String> flush;
  private final StringBuilder pending = new StringBuilder();
  private long lastFlush;
  private long timer = -1;

  DeltaCoalescer(Vertx vertx, Consumer<String> flush) {
    this.vertx = vertx;
    this.flush = flush;
  }

  void add(String text) {
    pending.append(text);
    if (timer >= 0) {
      return;
    }
    long wait = lastFlush + INTERVAL_MILLIS - System.currentTimeMillis();
    if (wait <= 0) {
      flushNow();
    } else {
      timer = vertx.setTimer(wait, id -> {
        timer = -1;
        flushNow();
      });
    }
  }

  /** Sends what is held now (before the reply's final event, so every delta precedes it). */
  void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    flushNow();
  }

  private void flushNow() {
    if (pending.isEmpty()) {
      return;
    }
    String text = pending.toString();
    pending.setLength(0);
    lastFlush = System.currentTimeMillis();
    flush.accept(text);
  }
}
