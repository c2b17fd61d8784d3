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
  void aTextIsShownAsStoredOnlyWhenItIsExactlyWhatInstantPrints() {
    String[] texts = {"2026-12-01T16:00:00.12Z", "2026-12-01T16:00:00.120Z", "2026-12-01T16:00:01Z",
      "2026-12-01T16:00:01.000Z", "2026-12-01T16:00:01.123456Z", "2026-12-01T16:00:01.123000Z",
      "2026-12-01T16:00:01.123456789Z", "2026-12-01T16:00:01.1Z", "2026-12-01T17:00:01+01:00"};
    for (String text : texts) {
      String shown = Dates.iso(new JsonObject().put("$date", text));
      assertThat(shown).as(text).isEqualTo(java.time.OffsetDateTime.parse(text).toInstant().toString());
      assertThat(Dates.isCanonical(text)).as(text).isEqualTo(shown.equals(text));
    }
    for (int i = 0; i < 1_000; i++) {
      Instant instant = Instant.ofEpochSecond(1_700_000_000L + i * 7919L, (i % 4 == 0 ? 0 : i * 1_000_003L) % 1_000_000_000L);
      assertThat(Dates.isCanonical(instant.toString())).as(instant.toString()).isTrue();
      assertThat(Dates.iso(Dates.of(instant))).isEqualTo(instant.toString());
    }
  }
}
