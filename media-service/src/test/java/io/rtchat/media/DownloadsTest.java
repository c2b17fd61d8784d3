package io.rtchat.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadsTest {

  @Test
  void checkedMediaShowsInlineOtherFilesDownload() {
    assertThat(Downloads.disposition("image", "cat.png")).startsWith("inline;");
    assertThat(Downloads.disposition("video", "clip.mp4")).startsWith("inline;");
    assertThat(Downloads.disposition("file", "page.html")).startsWith("attachment;");
  }

  @Test
  void theFileNameIsPercentEncodedSoItCannotBreakTheHeader() {
    assertThat(Downloads.disposition("file", "my report\";x=1.pdf"))
      .isEqualTo("attachment; filename*=UTF-8''my%20report%22%3Bx%3D1.pdf");
    assertThat(Downloads.disposition("image", "zoë.png")).isEqualTo("inline; filename*=UTF-8''zo%C3%AB.png");
  }

  @Test
  void eachStageOfAMediaHasItsOwnKey() {
    String id = "d00000000000000000000001";
    assertThat(MediaKeys.upload(id)).isNotEqualTo(MediaKeys.stored(id)).isNotEqualTo(MediaKeys.thumbnail(id));
  }
}
