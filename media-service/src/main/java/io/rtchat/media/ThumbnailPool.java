package io.rtchat.media;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode images: a fixed number, with a bounded queue that refuses work beyond it (Vert.x worker
 * executors queue without bound, so a burst of uploads would pile up decodes and their bytes).
 */
final class ThumbnailPool {

  private final ThreadPoolExecutor executor;

  ThumbnailPool(int threads, int queue) {
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
      task -> {
        Thread thread = new Thread(task, "media-thumbnail-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** Runs the work on a pool thread; answers on {@code context}. Fails with {@link ThumbnailRefused} when full. */
  <T> Future<T> submit(Context context, Callable<T> work) {
    Promise<T> promise = Promise.promise();
    try {
      executor.execute(() -> {
        T result;
        try {
          result = work.call();
        } catch (Throwable e) {
          context.runOnContext(v -> promise.fail(e));
          return;
        }
        context.runOnContext(v -> promise.complete(result));
      });
    } catch (RejectedExecutionException full) {
      promise.fail(new ThumbnailRefused("busy: thumbnail queue full"));
    }
    return promise.future();
  }

  void close() {
    executor.shutdownNow();
  }
}
