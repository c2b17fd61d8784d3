package io.rtchat.common;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {

  @Test
  void aStoredDateIsShownInItsCanonicalIsoFormWhateverFormItWasReadIn() {
    // The Mongo codec writes as few fraction digits as it needs; the API always shows Instant's form.
    assertThat(Dates.iso(new JsonObject().put("$date", "2026-12-01T16:00:00.12Z"))).isEqualTo("2026-12-01T16:00:00.120Z");
    assertThat(Dates.iso(new JsonObject().put("$date", 1_764_604_800_000L))).isEqualTo("2025-12-01T16:00:00Z");
    assertThat(Dates.iso(null)).isNull();
  }

  @Test
  void theRememberedConversionNeverAnswersForAnotherDate() {
    String[] texts = {"2026-12-01T16:00:00.12Z", "2026-12-01T16:00:00.120Z", "2026-12-01T16:00:01Z", "2026-12-01T16:00:01Z"};
    for (int round = 0; round < 3; round++) {
      for (String text : texts) {
        assertThat(Dates.iso(new JsonObject().put("$date", text))).isEqualTo(Instant.parse(text).toString());
      }
    }
    Instant now = Instant.now();
    assertThat(Dates.iso(Dates.of(now))).isEqualTo(now.toString());
  }
}
