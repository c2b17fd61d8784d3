package io.rtchat.chat.store;

import io.rtchat.chat.OnOneEventLoop;
import io.rtchat.chat.store.ChatStore.ChatRecord;
import io.rtchat.common.Dates;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** ChatSummaries' rules: what is merged, when a write goes, what a reader waits for, and what a failed write keeps. */
class ChatSummaryMergingTest extends OnOneEventLoop {

  private final List<List<ChatRecord>> writes = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> results = new CopyOnWriteArrayList<>();

  /** A writer that records each write and leaves its outcome to the test (or succeeds at once). */
  private ChatSummaries summaries(long windowMillis, boolean answerAtOnce) {
    return new ChatSummaries(vertx, records -> {
      writes.add(List.copyOf(records));
      Promise<Void> result = Promise.promise();
      results.add(result);
      if (answerAtOnce) {
        result.complete();
      }
      return result.future();
    }, windowMillis);
  }

  private static ChatRecord record(String chatId, long seq, String sender) {
    return new ChatRecord(chatId, seq, new JsonObject().put("seq", seq).put("sender", sender), Dates.now(),
      Map.of(sender, seq));
  }

  @Test
  void theNewerMessageWinsWhicheverCameFirstAndEverySenderKeepsTheirFurthestPointer() {
    ChatRecord ann3 = record("c", 3, "ann");
    ChatRecord bob5 = record("c", 5, "bob");
    ChatRecord ann4 = record("c", 4, "ann");
    for (ChatRecord merged : List.of(ChatSummaries.merge(ChatSummaries.merge(ann3, bob5), ann4),
      ChatSummaries.merge(ChatSummaries.merge(bob5, ann4), ann3))) {
      assertThat(merged.lastSeq()).isEqualTo(5L);
      assertThat(merged.lastMessage().getString("sender")).isEqualTo("bob");
      assertThat(merged.readers()).containsExactlyInAnyOrderEntriesOf(Map.of("ann", 4L, "bob", 5L));
    }
  }

  @Test
  void recordsOfTheWindowAreOneWriteWithOneRecordPerChat() throws Exception {
    ChatSummaries summaries = summaries(50, true);
    onContext(() -> {
      summaries.record(List.of(record("a", 1, "ann"), record("b", 1, "bob")));
      summaries.record(List.of(record("a", 2, "bob")));
      summaries.record(List.of(record("a", 3, "ann")));
      return Future.succeededFuture();
    });
    long deadline = System.currentTimeMillis() + 5_000;
    while (writes.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200); // nothing else may follow
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).extracting(ChatRecord::chatId, ChatRecord::lastSeq)
      .containsExactlyInAnyOrder(tuple("a", 3L), tuple("b", 1L));
  }

  @Test
  void aReaderMakesTheWriteGoAtOnceAndAChatWithNothingPendingWaitsForNothing() throws Exception {
    ChatSummaries summaries = summaries(60_000, true);
    onContext(() -> {
      summaries.record(List.of(record("a", 1, "ann")));
      return summaries.settled("other").map(v -> {
        assertThat(writes).isEmpty(); // another chat's reader does not wait, nor make anything go
        return null;
      });
    });
    onContext(() -> summaries.settled("a"));
    assertThat(writes).hasSize(1);
    assertThat(onContext(() -> Future.succeededFuture(summaries.waiting()))).isZero();
  }

  @Test
  void recordsArrivingDuringAWriteGoInTheNextAndAFailedWriteIsWrittenAgainWithThem() throws Exception {
    ChatSummaries summaries = summaries(1, false);
    List<Future<Void>> readers = new ArrayList<>();
    onContext(() -> {
      summaries.record(List.of(record("a", 1, "ann")));
      readers.add(summaries.settled("a")); // goes now
      return Future.succeededFuture();
    });
    onContext(() -> {
      summaries.record(List.of(record("a", 2, "bob")));
      readers.add(summaries.settled("a")); // waits for the next write, after the one in flight
      results.get(0).fail("store down");
      return Future.succeededFuture();
    });
    long deadline = System.currentTimeMillis() + 5_000;
    while (writes.size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(readers.get(0).isComplete()).as("a failed write does not hold its readers").isTrue();
    assertThat(writes).hasSize(2);
    // The failed record is written again, merged with the one that arrived meanwhile.
    assertThat(writes.get(1)).singleElement().satisfies(r -> {
      assertThat(r.lastSeq()).isEqualTo(2L);
      assertThat(r.readers()).containsExactlyInAnyOrderEntriesOf(Map.of("ann", 1L, "bob", 2L));
    });
    onContext(() -> {
      results.get(1).complete();
      return readers.get(1);
    });
    assertThat(onContext(() -> Future.succeededFuture(summaries.waiting()))).isZero();
  }
}
