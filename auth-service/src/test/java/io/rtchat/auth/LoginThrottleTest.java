package io.rtchat.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's decisions that need no store: free attempts, the backoff, the Retry-After answer. */
class LoginThrottleTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private final LoginThrottle.Limits limits =
    new LoginThrottle.Limits(5, 50, Duration.ofMinutes(15), Duration.ofSeconds(2), Duration.ofSeconds(60));

  @Test
  void theFirstAttemptsBelowTheLimitPassFreely() {
    assertThat(LoginThrottle.Limits.free(0, 5)).isTrue();
    assertThat(LoginThrottle.Limits.free(3, 5)).isTrue();
  }

  @Test
  void theLastFreeAttemptAndLaterOnesGoThroughTheGate() {
    assertThat(LoginThrottle.Limits.free(4, 5)).isFalse();
    assertThat(LoginThrottle.Limits.free(10, 5)).isFalse();
  }

  @Test
  void theBackoffDoublesPerAttemptPastTheLimit() {
    assertThat(limits.backoff(4, 5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(limits.backoff(5, 5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(limits.backoff(6, 5)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void theBackoffIsCappedSoAnAttackerCannotLockTheOwnerOutForLong() {
    assertThat(limits.backoff(9, 5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(limits.backoff(10_000, 5)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void retryAfterRoundsUpToWholeSecondsAndIsNeverZero() {
    assertThat(limits.retryAfterSeconds(NOW, NOW.plusMillis(1500))).isEqualTo(2);
    assertThat(limits.retryAfterSeconds(NOW, NOW.plusMillis(2000))).isEqualTo(2);
    assertThat(limits.retryAfterSeconds(NOW, NOW)).isEqualTo(1);
    assertThat(limits.retryAfterSeconds(NOW, NOW.minusSeconds(5))).isEqualTo(1);
  }

  @Test
  void anUnknownGateTimeAnswersTheBaseBackoff() {
    assertThat(limits.retryAfterSeconds(NOW, null)).isEqualTo(2);
  }

  @Test
  void accountsAndAddressesAreSeparateKeys() {
    assertThat(LoginThrottle.accountKey("a@b.c")).isNotEqualTo(LoginThrottle.ipKey("a@b.c"));
  }
}
