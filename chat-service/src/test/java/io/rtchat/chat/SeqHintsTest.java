package io.rtchat.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each chat's last stored seq is remembered as a hint, never moves back, and is bounded. */
class SeqHintsTest {

  private final SeqHints hints = new SeqHints();

  @Test
  void theHintIsTheHighestSeqStoredAndUnknownUntilOneIs() {
    assertThat(hints.hint("chat")).isNull();

    hints.stored("chat", 5);
    hints.stored("chat", 3); // a late, slower send of a lower seq never moves the hint back
    assertThat(hints.hint("chat")).isEqualTo(5L);
    assertThat(hints.hint("other")).isNull();
  }

  @Test
  void aDistrustedHintIsForgottenSoTheNextSendReadsTheStore() {
    hints.stored("chat", 7);
    hints.distrust("chat");

    assertThat(hints.hint("chat")).isNull();
  }

  @Test
  void hintsAreBoundedAndTheLeastRecentlyUsedGoFirst() {
    hints.stored("kept", 1);
    for (int i = 0; i < SeqHints.MAX_HINTS; i++) {
      if (i == SeqHints.MAX_HINTS / 2) {
        hints.hint("kept"); // reading it keeps it recent
      }
      hints.stored("chat-" + i, i);
    }

    assertThat(hints.hint("kept")).isEqualTo(1L);
    assertThat(hints.hint("chat-0")).isNull();
    assertThat(hints.hint("chat-" + (SeqHints.MAX_HINTS - 1))).isEqualTo((long) SeqHints.MAX_HINTS - 1);
  }
}
