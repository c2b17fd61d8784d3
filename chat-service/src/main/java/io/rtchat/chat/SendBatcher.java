package io.rtchat.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Group commit: items submitted close together are written as one batch, so that one store round trip and one commit
 * serve many sends. A batch goes out {@code windowMillis} after the first item of an idle batcher arrives, or at once
 * when {@code maxBatch} items are waiting; while a batch is being written the next one collects, and goes out as soon
 * as the write is done (under load the write itself is the window). Exactly one batch is in flight at a time: the
 * writer may then number things in order (seqs) without a later batch overtaking an earlier one that failed.
 *
 * <p>The writer answers one {@link Outcome} per item, in the batch's order: done, failed, or again (written in a
 * later batch, ahead of the items that arrived since, so their order is kept). An item that has been sent again
 * {@code maxAttempts} times fails with {@code exhausted}. A failed write fails every item of its batch. Used from one
 * event loop only (the service's verticle context).
 */
final class SendBatcher<T, R> {

  /** What became of one item of a batch. */
  sealed interface Outcome<R> {
    static <R> Outcome<R> done(R value) {
      return new Done<>(value);
    }

    static <R> Outcome<R> failed(Throwable cause) {
      return new Failed<>(cause);
    }

    static <R> Outcome<R> again() {
      return new Again<>();
    }
  }

  record Done<R>(R value) implements Outcome<R> {
  }

  record Failed<R>(Throwable cause) implements Outcome<R> {
  }

  record Again<R>() implements Outcome<R> {
  }

  /** Writes one batch; answers one outcome per item, in order. */
  interface Writer<T, R> {
    Future<List<Outcome<R>>> write(List<T> batch);
  }

  private static final class Pending<T, R> {
    final T item;
    final Promise<R> promise = Promise.promise();
    int attempts;

    Pending(T item) {
      this.item = item;
    }
  }

  private final Vertx vertx;
  private final Writer<T, R> writer;
  private final long windowMillis;
  private final int maxBatch;
  private final int maxAttempts;
  private final Supplier<Throwable> exhausted;
  private final Deque<Pending<T, R>> waiting = new ArrayDeque<>();
  private boolean writing;
  private boolean scheduled;

  SendBatcher(Vertx vertx, Writer<T, R> writer, long windowMillis, int maxBatch, int maxAttempts,
              Supplier<Throwable> exhausted) {
    this.vertx = vertx;
    this.writer = writer;
    this.windowMillis = windowMillis;
    this.maxBatch = Math.max(1, maxBatch);
    this.maxAttempts = maxAttempts;
    this.exhausted = exhausted;
  }

  /** Answers the item's outcome once the batch it went out in has been written. */
  Future<R> submit(T item) {
    Pending<T, R> pending = new Pending<>(item);
    waiting.addLast(pending);
    if (!writing) {
      if (waiting.size() >= maxBatch) {
        writeNext();
      } else if (!scheduled) {
        scheduled = true;
        if (windowMillis <= 0) {
          vertx.runOnContext(v -> windowClosed());
        } else {
          vertx.setTimer(windowMillis, id -> windowClosed());
        }
      }
    }
    return pending.promise.future();
  }

  /** How many items wait for a batch (not counting the one being written). */
  int waiting() {
    return waiting.size();
  }

  private void windowClosed() {
    scheduled = false;
    if (!writing) {
      writeNext();
    }
  }

  private void writeNext() {
    if (waiting.isEmpty()) {
      return;
    }
    List<Pending<T, R>> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
    while (batch.size() < maxBatch && !waiting.isEmpty()) {
      batch.add(waiting.pollFirst());
    }
    writing = true;
    Future<List<Outcome<R>>> written;
    try {
      written = writer.write(batch.stream().map(p -> p.item).toList());
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(ar -> {
      writing = false;
      settle(batch, ar.succeeded() ? ar.result() : null, ar.cause());
      writeNext();
    });
  }

  private void settle(List<Pending<T, R>> batch, List<Outcome<R>> outcomes, Throwable failure) {
    List<Pending<T, R>> again = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Pending<T, R> pending = batch.get(i);
      Outcome<R> outcome = failure != null ? Outcome.failed(failure)
        : outcomes == null || i >= outcomes.size() ? Outcome.failed(new IllegalStateException("no outcome for a batched item"))
        : outcomes.get(i);
      if (outcome instanceof Done<R> done) {
        pending.promise.complete(done.value());
      } else if (outcome instanceof Failed<R> failed) {
        pending.promise.fail(failed.cause());
      } else if (++pending.attempts >= maxAttempts) {
        pending.promise.fail(exhausted.get());
      } else {
        again.add(pending);
      }
    }
    for (int i = again.size() - 1; i >= 0; i--) {
      waiting.addFirst(again.get(i));
    }
  }
}
