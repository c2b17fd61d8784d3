package io.rtchat.chat;

import io.vertx.core.json.JsonArray;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links in a message's text, for the chat's {@code /links} collection. No URL-detection library is
 * available to this build, so this is a deliberately narrow rule: {@code http://}, {@code https://} or {@code www.}
 * followed by non-space characters, with trailing sentence punctuation and unbalanced closing brackets dropped.
 * Bare domains ("example.com") are not taken: too many false positives in ordinary text.
 */
final class Links {

  static final int MAX_LINKS = 20;
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
      String link = trim(m.group());
      if (link.length() > "www.".length() && !link.matches("(?i)https?://") && !links.contains(link)) {
        links.add(link);
      }
    }
    return links;
  }

  private static String trim(String link) {
    String s = link;
    while (!s.isEmpty()) {
      char last = s.charAt(s.length() - 1);
      if (".,;:!?".indexOf(last) >= 0
        || (last == ')' && count(s, '(') < count(s, ')'))
        || (last == ']' && count(s, '[') < count(s, ']'))
        || (last == '}' && count(s, '{') < count(s, '}'))) {
        s = s.substring(0, s.length() - 1);
      } else {
        break;
      }
    }
    return s;
  }

  private static long count(String s, char c) {
    return s.chars().filter(ch -> ch == c).count();
  }
}
