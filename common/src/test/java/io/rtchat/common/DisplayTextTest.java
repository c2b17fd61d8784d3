package io.rtchat.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayTextTest {

  @Test
  void lettersOfAnyScriptPunctuationAndEmojiAreShownAsTheyAre() {
    assertThat(DisplayText.hasInvisibles("Anne-Marie O'Neil")).isFalse();
    assertThat(DisplayText.hasInvisibles("Zoë Åström 李雷 한국어")).isFalse();
    assertThat(DisplayText.hasInvisibles("report (final).pdf")).isFalse();
    assertThat(DisplayText.hasInvisibles("Team \u2764\uFE0F")).isFalse(); // red heart with emoji presentation
    assertThat(DisplayText.hasInvisibles("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 family")).isFalse(); // ZWJ sequence
    assertThat(DisplayText.hasInvisibles("\uD83D\uDC4B\uD83C\uDFFD hi")).isFalse(); // skin tone modifier
    assertThat(DisplayText.hasInvisibles(null)).isFalse();
  }

  @Test
  void bidiOverridesAndOtherFormatCharactersAreRefused() {
    assertThat(DisplayText.hasInvisibles("invoice\u202Efdp.exe")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\u2066b\u2069")).isTrue(); // isolates
    assertThat(DisplayText.hasInvisibles("a\u200Bb")).isTrue(); // zero-width space
    assertThat(DisplayText.hasInvisibles("a\u200Db")).isTrue(); // a joiner between letters
    assertThat(DisplayText.hasInvisibles("\uFEFFann")).isTrue();
    assertThat(DisplayText.hasInvisibles("ann\u00AD")).isTrue(); // soft hyphen
    assertThat(DisplayText.hasInvisibles("a\u2060b")).isTrue(); // word joiner
    assertThat(DisplayText.hasInvisibles("flag\uDB40\uDC67")).isTrue(); // a tag character
  }

  @Test
  void blankLettersControlsAndLoneVariationSelectorsAreRefused() {
    assertThat(DisplayText.hasInvisibles("\u3164")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\u115Fb")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\u1160b")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\uFFA0b")).isTrue();
    assertThat(DisplayText.hasInvisibles("\u2800")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\u034Fb")).isTrue();
    assertThat(DisplayText.hasInvisibles("\uFE0F")).isTrue();
    assertThat(DisplayText.hasInvisibles("a \uFE0F")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\uFE0F\uFE0F")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\nb")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\u2028b")).isTrue();
    assertThat(DisplayText.hasInvisibles("a\u0000")).isTrue();
  }
}
