package io.rtchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Runs an asynchronous step for every item with at most {@code limit} in flight; results in item order. */
final class Bounded {

  private Bounded() {
  }

  static <T, R> Future<List<R>> map(List<T> items, int limit, Function<T, Future<R>> step) {
    Promise<List<R>> done = Promise.promise();
    List<R> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      results.add(null);
    }
    if (items.isEmpty()) {
      return Future.succeededFuture(results);
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= items.size() || failed.get()) {
        return;
      }
      Future<R> f;
      try {
        f = step.apply(items.get(i));
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        if (ar.failed()) {
          if (failed.compareAndSet(false, true)) {
            done.fail(ar.cause());
          }
          return;
        }
        synchronized (results) {
          results.set(i, ar.result());
        }
        if (finished.incrementAndGet() == items.size()) {
          synchronized (results) {
            done.complete(results);
          }
        } else {
          launch[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(limit, items.size()); i++) {
      launch[0].run();
    }
    return done.future();
  }
}
