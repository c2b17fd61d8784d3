package io.rtchat.notification;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBatchTest {

  @Test
  void messagesOfOneChatCollapsePerRecipient() {
    MessageBatch batch = new MessageBatch();
    batch.add(List.of("u1", "u2"), "c1", "m1", "one", "s");
    batch.add(List.of("u1"), "c1", "m2", "two", "s");
    batch.add(List.of("u1"), "c2", "m3", "three", "s");
    assertThat(batch.collapses()).containsExactly(
      new MessageBatch.Collapse("u1", "c1", 2, "m2", "two", "s"),
      new MessageBatch.Collapse("u2", "c1", 1, "m1", "one", "s"),
      new MessageBatch.Collapse("u1", "c2", 1, "m3", "three", "s"));
  }

  @Test
  void newestMessageKeepsThePreviewWhateverTheOrder() {
    MessageBatch batch = new MessageBatch();
    batch.add(List.of("u1"), "c1", "65a000000000000000000002", "newer", "s2");
    batch.add(List.of("u1"), "c1", "65a000000000000000000001", "older", "s1");
    MessageBatch.Collapse c = batch.collapses().get(0);
    assertThat(c.count()).isEqualTo(2);
    assertThat(c.content()).isEqualTo("newer");
    assertThat(c.senderId()).isEqualTo("s2");
  }

  @Test
  void aMessageWithoutIdNeverHidesOneWithAnId() {
    MessageBatch batch = new MessageBatch();
    batch.add(List.of("u1"), "c1", "m1", "with id", "s");
    batch.add(List.of("u1"), "c1", null, "without", "s");
    assertThat(batch.collapses().get(0).content()).isEqualTo("with id");
  }

  @Test
  void noOfflineRecipientMeansNothingToWrite() {
    MessageBatch batch = new MessageBatch();
    batch.add(List.of(), "c1", "m1", "x", "s");
    assertThat(batch.isEmpty()).isTrue();
  }
}
