package io.rtchat.media;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What may be uploaded, how large, and how long slots and links live. */
class MediaPolicyTest {

  private final MediaPolicy defaults = new MediaPolicy(Config.fromMap(Map.of()));

  @Test
  void theMimeFamilyGivesTheMediaKind() {
    assertThat(MediaPolicy.kindOf("image/png")).isEqualTo("image");
    assertThat(MediaPolicy.kindOf("audio/mpeg")).isEqualTo("audio");
    assertThat(MediaPolicy.kindOf("video/mp4")).isEqualTo("video");
    assertThat(MediaPolicy.kindOf("application/pdf")).isEqualTo("file");
    assertThat(MediaPolicy.kindOf("text/plain")).isEqualTo("file");
  }

  @Test
  void onlyWellFormedMimeTypesAreAccepted() {
    assertThat(MediaPolicy.wellFormedMime("image/png")).isTrue();
    assertThat(MediaPolicy.wellFormedMime("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).isTrue();
    assertThat(MediaPolicy.wellFormedMime("image")).isFalse();
    assertThat(MediaPolicy.wellFormedMime("image/png; charset=x")).isFalse();
    assertThat(MediaPolicy.wellFormedMime("image/png\r\nX-Evil: 1")).isFalse();
    assertThat(MediaPolicy.wellFormedMime("/png")).isFalse();
  }

  @Test
  void attachmentsMayBeAnyAllowedType() {
    assertThat(defaults.allowed(MediaPolicy.ATTACHMENT, "image/png")).isTrue();
    assertThat(defaults.allowed(MediaPolicy.ATTACHMENT, "audio/mpeg")).isTrue();
    assertThat(defaults.allowed(MediaPolicy.ATTACHMENT, "application/x-msdownload")).isFalse();
  }

  @Test
  void anAvatarMustBeAnAllowedImage() {
    assertThat(defaults.allowed(MediaPolicy.AVATAR, "image/png")).isTrue();
    assertThat(defaults.allowed(MediaPolicy.AVATAR, "audio/mpeg")).isFalse();
    assertThat(defaults.allowed(MediaPolicy.AVATAR, "image/x-unknown")).isFalse();
  }

  @Test
  void theAllowedListIsReadCaseInsensitively() {
    MediaPolicy policy = new MediaPolicy(Config.fromMap(Map.of(Setting.MEDIA_ALLOWED_TYPES.name(), "Image/PNG, application/pdf")));
    assertThat(policy.allowed(MediaPolicy.ATTACHMENT, "image/png")).isTrue();
    assertThat(policy.allowed(MediaPolicy.ATTACHMENT, "image/jpeg")).isFalse();
  }

  @Test
  void eachKindHasItsOwnSizeLimit() {
    MediaPolicy policy = new MediaPolicy(Config.fromMap(Map.of(
      Setting.MEDIA_MAX_IMAGE_BYTES.name(), "10",
      Setting.MEDIA_MAX_AUDIO_BYTES.name(), "20",
      Setting.MEDIA_MAX_VIDEO_BYTES.name(), "30",
      Setting.MEDIA_MAX_FILE_BYTES.name(), "40",
      Setting.MEDIA_MAX_AVATAR_BYTES.name(), "5")));
    assertThat(policy.maxBytes(MediaPolicy.ATTACHMENT, "image/png")).isEqualTo(10);
    assertThat(policy.maxBytes(MediaPolicy.ATTACHMENT, "audio/mpeg")).isEqualTo(20);
    assertThat(policy.maxBytes(MediaPolicy.ATTACHMENT, "video/mp4")).isEqualTo(30);
    assertThat(policy.maxBytes(MediaPolicy.ATTACHMENT, "application/pdf")).isEqualTo(40);
    assertThat(policy.maxBytes(MediaPolicy.AVATAR, "image/png")).isEqualTo(5);
  }

  @Test
  void theDefaultLimitsAreTheDocumentedOnes() {
    assertThat(defaults.maxBytes(MediaPolicy.ATTACHMENT, "image/png")).isEqualTo(20L * 1024 * 1024);
    assertThat(defaults.maxBytes(MediaPolicy.AVATAR, "image/png")).isEqualTo(5L * 1024 * 1024);
    assertThat(defaults.uploadTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.downloadTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aSizeThatIsNoWholeNumberStopsTheServiceWithTheSettingsName() {
    assertThatThrownBy(() -> new MediaPolicy(Config.fromMap(Map.of(Setting.MEDIA_MAX_FILE_BYTES.name(), "100MB"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MEDIA_MAX_FILE_BYTES");
  }

  @Test
  void theThumbnailSourceCapFitsInOneArray() {
    MediaPolicy policy = new MediaPolicy(Config.fromMap(Map.of(Setting.MEDIA_THUMBNAIL_MAX_SOURCE_BYTES.name(), "99999999999")));
    assertThat(policy.thumbnailSourceMax()).isLessThan(Integer.MAX_VALUE);
  }

  @Test
  void unusedUploadsAreKeptADayAndAReleaseIsLookedAtWithinHalfAMinute() {
    assertThat(defaults.unsentGrace()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.releaseDelay()).isEqualTo(Duration.ofSeconds(30));
    MediaPolicy shortGrace = new MediaPolicy(Config.fromMap(Map.of(Setting.MEDIA_UNSENT_GRACE_SECONDS.name(), "5")));
    assertThat(shortGrace.releaseDelay()).isEqualTo(Duration.ofSeconds(5));
  }
}
