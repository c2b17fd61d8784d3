package io.rtchat.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a link in a message's text (for the chat's /links collection). */
class LinksTest {

  @Test
  void findsHttpHttpsAndWwwLinksWithoutTheSentenceAroundThem() {
    assertThat(Links.in("see https://vertx.io/docs/, then http://example.org/a?b=1&c=2. Or www.example.com!"))
      .containsExactly("https://vertx.io/docs/", "http://example.org/a?b=1&c=2", "www.example.com");
  }

  @Test
  void keepsBalancedParenthesesAndDropsTheEnclosingOnes() {
    assertThat(Links.in("(see https://en.wikipedia.org/wiki/Rust_(programming_language))"))
      .containsExactly("https://en.wikipedia.org/wiki/Rust_(programming_language)");
    assertThat(Links.in("[www.example.org]")).containsExactly("www.example.org");
  }

  @Test
  void ignoresBareDomainsEmptySchemesAndRepeats() {
    assertThat(Links.in("example.com and http:// and https://")).isEmpty();
    assertThat(Links.in("https://a.example https://a.example")).containsExactly("https://a.example");
    assertThat(Links.in(null)).isEmpty();
  }

  @Test
  void keepsAtMostTwentyLinks() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      many.append("https://example.org/").append(i).append(' ');
    }
    assertThat(Links.in(many.toString())).hasSize(Links.MAX_LINKS);
  }

  @Test
  void aLinkFollowedByThousandsOfClosingBracketsCostsLinearTime() {
    // Quadratic trimming took 0.34 s for 16,370 brackets; at 200,000 it would take about a minute. Linear: milliseconds.
    String hostile = "http://a" + ")".repeat(200_000);
    long start = System.nanoTime();
    assertThat(Links.trim(hostile)).isEqualTo("http://a");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  @Test
  void linksLongerThanTheCapAreNotCollected() {
    String tooLong = "https://example.org/" + "a".repeat(Links.MAX_LINK_LENGTH);
    assertThat(Links.in("see " + tooLong + " and https://ok.example")).containsExactly("https://ok.example");
    String hostile = "http://a" + ")".repeat(16_370);
    long start = System.nanoTime();
    assertThat(Links.in(hostile)).isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
  }
}
