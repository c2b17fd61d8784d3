package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OtpRulesTest {

  private static final String ANN = "a00000000000000000000001";
  private static final String BEN = "b00000000000000000000002";
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private final OtpRules rules = new OtpRules(Duration.ofMinutes(10), 5, 20, Duration.ofSeconds(60));

  private JsonObject userWithCode(String userId, String otp) {
    return new JsonObject().put("_id", userId).put("emailVerified", false).mergeIn(rules.freshCode(userId, otp, NOW));
  }

  @Test
  void theCurrentCodeIsAcceptedWhileLive() {
    assertThat(OtpRules.accepts(userWithCode(ANN, "123456"), "123456", NOW.plusSeconds(599))).isTrue();
  }

  @Test
  void aWrongCodeIsRefused() {
    assertThat(OtpRules.accepts(userWithCode(ANN, "123456"), "123457", NOW)).isFalse();
  }

  @Test
  void anExpiredCodeIsRefused() {
    assertThat(OtpRules.accepts(userWithCode(ANN, "123456"), "123456", NOW.plusSeconds(600))).isFalse();
  }

  @Test
  void aCodeIsSaltedWithItsAccountSoAnotherAccountsHashDoesNotMatch() {
    JsonObject ben = userWithCode(BEN, "123456").put("otp", userWithCode(ANN, "123456").getString("otp"));
    assertThat(OtpRules.accepts(ben, "123456", NOW)).isFalse();
  }

  @Test
  void theCodeIsStoredOnlyAsAHash() {
    assertThat(rules.freshCode(ANN, "123456", NOW).encode()).doesNotContain("123456");
  }

  @Test
  void aFreshCodeResetsItsTriesButNotTheAccountsTotal() {
    JsonObject fields = rules.freshCode(ANN, "654321", NOW);
    assertThat(fields.getInteger("otpAttempts")).isZero();
    assertThat(fields.containsKey("otpTotalAttempts")).isFalse();
    assertThat(Dates.toInstant(fields.getValue("otpExpiryTime"))).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void onlyAnUnverifiedAccountHoldingACodeAwaitsOne() {
    assertThat(OtpRules.awaitsCode(userWithCode(ANN, "123456"))).isTrue();
    assertThat(OtpRules.awaitsCode(null)).isFalse();
    assertThat(OtpRules.awaitsCode(userWithCode(ANN, "123456").put("emailVerified", true))).isFalse();
    assertThat(OtpRules.awaitsCode(new JsonObject().put("_id", ANN).put("emailVerified", false))).isFalse();
  }

  @Test
  void aResendWaitsForTheResendPeriod() {
    assertThat(rules.resendCutoff(NOW)).isEqualTo(NOW.minusSeconds(60));
    assertThat(rules.ttlMinutes()).isEqualTo(10);
  }
}
