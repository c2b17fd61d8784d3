package io.rtchat.media;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which detected types fit which declared ones: the rule behind 422 media.content_mismatch. */
class ContentCheckTest {

  @Test
  void imagesAudioAndVideoMustBeWhatTheyClaimByFamily() {
    assertThat(ContentCheck.matches("image/png", "image/jpeg")).isTrue();
    assertThat(ContentCheck.matches("image/png", "text/plain")).isFalse();
    assertThat(ContentCheck.matches("image/png", "application/octet-stream")).isFalse();
    assertThat(ContentCheck.matches("audio/wav", "audio/vnd.wave")).isTrue();
    assertThat(ContentCheck.matches("video/mp4", "application/zip")).isFalse();
    assertThat(ContentCheck.matches("image/gif", "video/gif")).isFalse();
  }

  @Test
  void containersSharedByAudioAndVideoFitEither() {
    assertThat(ContentCheck.matches("audio/mp4", "video/mp4")).isTrue();
    assertThat(ContentCheck.matches("audio/webm", "video/webm")).isTrue();
    assertThat(ContentCheck.matches("audio/ogg", "application/ogg")).isTrue();
    assertThat(ContentCheck.matches("audio/mpeg", "video/mp4")).isFalse();
  }

  @Test
  void otherFilesAreNotCheckedByContent() {
    assertThat(ContentCheck.matches("application/pdf", "text/plain")).isTrue();
  }

  @Test
  void detectsByMagicNumbersNotByName() {
    ContentCheck check = new ContentCheck();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    assertThat(check.detect(png)).isEqualTo("image/png");
    assertThat(check.detect("just words".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
  }
}
