package io.rtchat.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One chat's sends run one after another on an instance; the last stored seq is remembered as a hint. */
class SendQueueTest {

  private final SendQueue queue = new SendQueue();

  @Test
  void aChatsNextSendWaitsUntilTheEarlierOneHasFinished() {
    List<String> started = new ArrayList<>();
    Promise<String> first = Promise.promise();
    Future<String> a = queue.serially("chat", () -> {
      started.add("first");
      return first.future();
    });
    Future<String> b = queue.serially("chat", () -> {
      started.add("second");
      return Future.succeededFuture("b");
    });

    assertThat(started).containsExactly("first");
    assertThat(b.isComplete()).isFalse();

    first.complete("a");
    assertThat(started).containsExactly("first", "second");
    assertThat(a.result()).isEqualTo("a");
    assertThat(b.result()).isEqualTo("b");
  }

  @Test
  void sendsToDifferentChatsDoNotWaitForEachOther() {
    Promise<Void> slow = Promise.promise();
    queue.serially("busy", slow::future);
    Future<String> other = queue.serially("quiet", () -> Future.succeededFuture("done"));

    assertThat(other.result()).isEqualTo("done");
  }

  @Test
  void aFailedSendDoesNotHoldUpTheNextOne() {
    Future<Void> failed = queue.serially("chat", () -> Future.failedFuture(new IllegalStateException("lost")));
    Future<String> next = queue.serially("chat", () -> Future.succeededFuture("sent"));

    assertThat(failed.failed()).isTrue();
    assertThat(next.result()).isEqualTo("sent");
  }

  @Test
  void aSupplierThatThrowsFailsOnlyItsOwnSend() {
    Future<String> thrown = queue.serially("chat", () -> {
      throw new IllegalStateException("bug");
    });
    Future<String> next = queue.serially("chat", () -> Future.succeededFuture("sent"));

    assertThat(thrown.failed()).isTrue();
    assertThat(next.result()).isEqualTo("sent");
  }

  @Test
  void theHintIsTheHighestSeqStoredAndUnknownUntilOneIs() {
    assertThat(queue.hint("chat")).isNull();

    queue.stored("chat", 5);
    queue.stored("chat", 3); // a late, slower send of a lower seq never moves the hint back
    assertThat(queue.hint("chat")).isEqualTo(5L);
    assertThat(queue.hint("other")).isNull();
  }

  @Test
  void aDistrustedHintIsForgottenSoTheNextSendReadsTheStore() {
    queue.stored("chat", 7);
    queue.distrust("chat");

    assertThat(queue.hint("chat")).isNull();
  }

  @Test
  void hintsAreBoundedAndTheLeastRecentlyUsedGoFirst() {
    queue.stored("kept", 1);
    for (int i = 0; i < SendQueue.MAX_HINTS; i++) {
      if (i == SendQueue.MAX_HINTS / 2) {
        queue.hint("kept"); // reading it keeps it recent
      }
      queue.stored("chat-" + i, i);
    }

    assertThat(queue.hint("kept")).isEqualTo(1L);
    assertThat(queue.hint("chat-0")).isNull();
    assertThat(queue.hint("chat-" + (SendQueue.MAX_HINTS - 1))).isEqualTo((long) SendQueue.MAX_HINTS - 1);
  }
}
