package io.rtchat.ai;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaCoalescerTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void manyPiecesBecomeAtMostOneDeltaPerIntervalAndNothingIsLostOrReordered() throws Exception {
    List<String> flushed = new CopyOnWriteArrayList<>();
    List<Long> times = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StringBuilder expected = new StringBuilder();
    vertx.runOnContext(v -> {
      DeltaCoalescer deltas = new DeltaCoalescer(vertx, text -> {
        flushed.add(text);
        times.add(System.currentTimeMillis());
      });
      int[] piece = {0};
      vertx.setPeriodic(2, id -> {
        String text = "p" + piece[0] + " ";
        expected.append(text);
        deltas.add(text);
        if (++piece[0] == 150) {
          vertx.cancelTimer(id);
          deltas.close();
          done.complete(null);
        }
      });
    });
    done.get(30, TimeUnit.SECONDS);
    assertThat(String.join("", flushed)).isEqualTo(expected.toString());
    assertThat(flushed.size()).isLessThan(150 / 3);
    for (int i = 1; i < times.size() - 1; i++) { // the last flush is the close, which may come early
      assertThat(times.get(i) - times.get(i - 1)).as("gap before delta %d", i).isGreaterThanOrEqualTo(DeltaCoalescer.INTERVAL_MILLIS - 1);
    }
  }
}
