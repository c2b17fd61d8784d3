package io.rtchat.media;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which objects under uploads/ the sweep may delete, and which service says whether a media is still used. */
class ReclaimRulesTest {

  private static final String ID = "d00000000000000000000001";
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(15);

  @Test
  void anUploadKeyNamesItsMedia() {
    assertThat(ReclaimRules.mediaIdOfUpload("uploads/" + ID)).isEqualTo(ID);
  }

  @Test
  void keysOutsideUploadsOrWithoutAMediaIdNameNone() {
    assertThat(ReclaimRules.mediaIdOfUpload("media/" + ID)).isNull();
    assertThat(ReclaimRules.mediaIdOfUpload("uploads/not-an-id")).isNull();
    assertThat(ReclaimRules.mediaIdOfUpload("uploads/" + ID + "/x")).isNull();
    assertThat(ReclaimRules.mediaIdOfUpload(null)).isNull();
  }

  @Test
  void aCompletedSlotsUploadObjectGoesOnceItsPutUrlHasExpired() {
    assertThat(ReclaimRules.strayUpload(NOW.minus(TTL), MediaStore.READY, NOW, TTL)).isTrue();
    assertThat(ReclaimRules.strayUpload(NOW.minus(TTL).plusSeconds(1), MediaStore.READY, NOW, TTL)).isFalse();
  }

  @Test
  void anObjectWithoutARecordOrOfAReclaimedMediaGoesOnceOld() {
    assertThat(ReclaimRules.strayUpload(NOW.minus(TTL).minusSeconds(1), null, NOW, TTL)).isTrue();
    assertThat(ReclaimRules.strayUpload(NOW.minus(TTL).minusSeconds(1), MediaStore.RECLAIMING, NOW, TTL)).isTrue();
    assertThat(ReclaimRules.strayUpload(NOW.minusSeconds(1), null, NOW, TTL)).isFalse();
  }

  @Test
  void aPendingSlotsUploadIsNeverAStray() {
    assertThat(ReclaimRules.strayUpload(NOW.minus(Duration.ofDays(1)), MediaStore.PENDING, NOW, TTL)).isFalse();
  }

  @Test
  void attachmentsAreAskedOfChatsAndAvatarsOfProfiles() {
    assertThat(ReclaimRules.attachment(MediaPolicy.ATTACHMENT)).isTrue();
    assertThat(ReclaimRules.attachment(MediaPolicy.AVATAR)).isFalse();
  }
}
