package io.rtchat.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Vert.x per test, and a way to run work on one event loop as the service does: the classes under test (the group
 * commit, the chat summaries) are used from their verticle's event loop only.
 */
public abstract class OnOneEventLoop {

  protected Vertx vertx;

  @BeforeEach
  protected void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  protected void stopVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Runs on one event loop and waits for the answer. */
  protected <T> T onContext(Supplier<Future<T>> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> work.get()
      .onSuccess(result::complete).onFailure(result::completeExceptionally));
    return result.get(10, TimeUnit.SECONDS);
  }
}
