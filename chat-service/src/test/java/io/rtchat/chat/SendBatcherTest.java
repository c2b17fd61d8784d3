package io.rtchat.chat;

import io.rtchat.chat.SendBatcher.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit: which items go out together, and what each one's caller is told. */
class SendBatcherTest extends OnOneEventLoop {

  private final List<List<String>> batches = new CopyOnWriteArrayList<>();

  private SendBatcher<String, String> batcher(long window, int max, Function<List<String>, Future<List<Outcome<String>>>> write) {
    return new SendBatcher<>(vertx, batch -> {
      batches.add(List.copyOf(batch));
      return write.apply(batch);
    }, window, max, 3, () -> new IllegalStateException("too busy"));
  }

  private static Future<List<Outcome<String>>> allDone(List<String> batch) {
    return Future.succeededFuture(batch.stream().map(s -> Outcome.done(s.toUpperCase())).toList());
  }

  @Test
  void sendsWithinTheWindowAreWrittenAsOneBatchAndEachGetsItsOwnOutcome() throws Exception {
    SendBatcher<String, String> batcher = batcher(20, 100, SendBatcherTest::allDone);
    List<String> answers = onContext(() -> Future.all(List.of(batcher.submit("a"), batcher.submit("b"), batcher.submit("c")))
      .map(all -> all.<String>list()));

    assertThat(answers).containsExactly("A", "B", "C");
    assertThat(batches).containsExactly(List.of("a", "b", "c"));
  }

  @Test
  void aFullBatchGoesOutAtOnceWithoutWaitingForTheWindow() throws Exception {
    SendBatcher<String, String> batcher = batcher(60_000, 2, SendBatcherTest::allDone);
    List<String> answers = onContext(() -> Future.all(List.of(batcher.submit("a"), batcher.submit("b")))
      .map(all -> all.<String>list()));

    assertThat(answers).containsExactly("A", "B");
    assertThat(batches).containsExactly(List.of("a", "b"));
  }

  @Test
  void whileABatchIsBeingWrittenTheNextCollectsAndGoesOutWhenItIsDone() throws Exception {
    Promise<List<Outcome<String>>> slow = Promise.promise();
    List<Future<String>> answers = new ArrayList<>();
    SendBatcher<String, String> batcher = batcher(0, 100, batch -> batches.size() == 1 ? slow.future() : allDone(batch));
    onContext(() -> {
      answers.add(batcher.submit("a"));
      return Future.succeededFuture();
    });
    waitFor(() -> batches.size() == 1);
    onContext(() -> {
      answers.add(batcher.submit("b"));
      answers.add(batcher.submit("c"));
      return Future.succeededFuture();
    });
    Thread.sleep(50);
    assertThat(batches).hasSize(1); // one batch in flight at a time
    onContext(() -> {
      slow.complete(List.of(Outcome.done("A")));
      return Future.all(answers);
    });

    assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"));
    assertThat(answers).extracting(Future::result).containsExactly("A", "B", "C");
  }

  @Test
  void anItemToBeWrittenAgainGoesAheadOfLaterOnesAndFailsAfterItsLastAttempt() throws Exception {
    SendBatcher<String, String> batcher = batcher(0, 100, batch -> Future.succeededFuture(batch.stream()
      .map(s -> s.startsWith("retry") ? Outcome.<String>again() : Outcome.done(s)).toList()));
    List<Future<String>> answers = new ArrayList<>();
    onContext(() -> {
      answers.add(batcher.submit("retry-1"));
      answers.add(batcher.submit("x"));
      return Future.join(answers).otherwiseEmpty();
    });
    waitFor(() -> answers.stream().allMatch(Future::isComplete));

    assertThat(answers.get(1).result()).isEqualTo("x");
    assertThat(answers.get(0).cause()).hasMessage("too busy");
    assertThat(batches).containsExactly(List.of("retry-1", "x"), List.of("retry-1"), List.of("retry-1"));
  }

  @Test
  void aFailedWriteFailsEveryItemOfItsBatchAndTheNextBatchStillGoesOut() throws Exception {
    SendBatcher<String, String> batcher = batcher(0, 100, batch -> batch.contains("bad")
      ? Future.failedFuture(new IllegalStateException("store down")) : allDone(batch));
    List<Future<String>> first = new ArrayList<>();
    onContext(() -> {
      first.add(batcher.submit("bad"));
      first.add(batcher.submit("good"));
      return Future.join(first).otherwiseEmpty();
    });
    String later = onContext(() -> batcher.submit("later"));

    assertThat(first).allSatisfy(f -> assertThat(f.cause()).hasMessage("store down"));
    assertThat(later).isEqualTo("LATER");
  }

  @Test
  void aWriterThatThrowsFailsItsBatchOnly() throws Exception {
    SendBatcher<String, String> batcher = batcher(0, 100, batch -> {
      if (batch.contains("boom")) {
        throw new IllegalStateException("bug");
      }
      return allDone(batch);
    });
    Future<String> boom = onContext(() -> Future.succeededFuture(batcher.submit("boom")));
    waitFor(boom::isComplete);

    assertThat(boom.cause()).hasMessage("bug");
    assertThat(onContext(() -> batcher.submit("next"))).isEqualTo("NEXT");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in time");
      }
      Thread.sleep(5);
    }
  }
}
