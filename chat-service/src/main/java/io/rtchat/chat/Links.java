package io.rtchat.chat;

import io.vertx.core.json.JsonArray;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links in a message's text, for the chat's {@code /links} collection. No URL-detection library is
 * available to this build, so this is a deliberately narrow rule: {@code http://}, {@code https://} or {@code www.}
 * followed by non-space characters, with trailing sentence punctuation and unbalanced closing brackets dropped.
 * Bare domains ("example.com") are not taken: too many false positives in ordinary text. Work is linear in the
 * text's length, and links longer than {@link #MAX_LINK_LENGTH} are not collected.
 */
final class Links {

  static final int MAX_LINKS = 20;
  /** Longer candidates are not links anyone shares (browsers and servers give up around 2-8 KiB): not collected. */
  static final int MAX_LINK_LENGTH = 2048;
  private static final String OPENERS = "([{";
  private static final String CLOSERS = ")]}";
  private static final Pattern CANDIDATE = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'`]+");

  private Links() {
  }

  static JsonArray in(String text) {
    JsonArray links = new JsonArray();
    if (text == null || text.isEmpty()) {
      return links;
    }
    Matcher m = CANDIDATE.matcher(text);
    while (m.find() && links.size() < MAX_LINKS) {
      if (m.end() - m.start() > MAX_LINK_LENGTH) {
        continue;
      }
      String link = trim(m.group());
      if (link.length() > "www.".length() && !link.matches("(?i)https?://") && !links.contains(link)) {
        links.add(link);
      }
    }
    return links;
  }

  /**
   * Drops trailing punctuation and closing brackets that have no opening partner, in one pass: the bracket counts
   * are taken once and kept up to date as the end moves left (counting again per character made a link followed
   * by thousands of ')' quadratic).
   */
  static String trim(String link) {
    int[] open = new int[3];
    int[] close = new int[3];
    for (int i = 0; i < link.length(); i++) {
      int kind = OPENERS.indexOf(link.charAt(i));
      if (kind >= 0) {
        open[kind]++;
      }
      kind = CLOSERS.indexOf(link.charAt(i));
      if (kind >= 0) {
        close[kind]++;
      }
    }
    int end = link.length();
    while (end > 0) {
      char last = link.charAt(end - 1);
      int kind = CLOSERS.indexOf(last);
      if (".,;:!?".indexOf(last) >= 0) {
        end--;
      } else if (kind >= 0 && open[kind] < close[kind]) {
        close[kind]--;
        end--;
      } else {
        break;
      }
    }
    return link.substring(0, end);
  }
}
