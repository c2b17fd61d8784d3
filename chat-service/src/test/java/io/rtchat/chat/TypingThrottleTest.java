package io.rtchat.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** At most one typing signal per user and chat per window reaches the others. */
class TypingThrottleTest {

  private final TypingThrottle throttle = new TypingThrottle();

  @Test
  void theFirstSignalGoesThroughAndRepeatsWithinTheWindowDoNot() {
    assertThat(throttle.recentlySent("ann", "chat", 1_000)).isFalse();
    throttle.sent("ann", "chat", 1_000);

    assertThat(throttle.recentlySent("ann", "chat", 1_000 + TypingThrottle.WINDOW_MS - 1)).isTrue();
  }

  @Test
  void aSignalGoesThroughAgainOnceTheWindowHasPassed() {
    throttle.sent("ann", "chat", 1_000);

    assertThat(throttle.recentlySent("ann", "chat", 1_000 + TypingThrottle.WINDOW_MS)).isFalse();
  }

  @Test
  void eachUserAndChatHasItsOwnWindow() {
    throttle.sent("ann", "chat", 1_000);

    assertThat(throttle.recentlySent("bob", "chat", 1_001)).isFalse();
    assertThat(throttle.recentlySent("ann", "other", 1_001)).isFalse();
  }

  @Test
  void onlyASignalLetThroughStartsAWindow() {
    // recentlySent only asks: a participant check that fails afterwards must not silence the user
    throttle.recentlySent("ann", "chat", 1_000);

    assertThat(throttle.recentlySent("ann", "chat", 1_001)).isFalse();
  }
}
