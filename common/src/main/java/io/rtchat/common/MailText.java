package io.rtchat.common;

/**
 * User-written text that goes into mails sent to someone else: no control characters (a name with line breaks could
 * forge lines of the mail or its headers), and bounded, so a mail always reads as the service wrote it.
 */
public final class MailText {

  private static final int NAME_MAX = 50;

  private MailText() {
  }

  /** True when the text holds a control character (line breaks, tabs, NUL, bidi overrides…) that a name must not. */
  public static boolean hasControlCharacters(String text) {
    return text != null && text.codePoints().anyMatch(MailText::isControl);
  }

  /** A name as it may appear in a mail body: control characters become spaces, then trimmed and bounded. */
  public static String name(String raw) {
    if (raw == null || raw.isBlank()) {
      return "there";
    }
    StringBuilder out = new StringBuilder();
    raw.codePoints().forEach(cp -> out.appendCodePoint(isControl(cp) ? ' ' : cp));
    String cleaned = out.toString().replaceAll("\\s+", " ").trim();
    if (cleaned.isEmpty()) {
      return "there";
    }
    return cleaned.length() > NAME_MAX ? cleaned.substring(0, NAME_MAX) : cleaned;
  }

  /**
   * Someone else's text (a message preview) as one line of a mail body: control, format and line-separator
   * characters become spaces, runs of white space one space, bounded to {@code max} characters (then an ellipsis).
   */
  public static String line(String raw, int max) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    raw.codePoints().forEach(cp -> out.appendCodePoint(isControl(cp) ? ' ' : cp));
    String cleaned = out.toString().replaceAll("\\s+", " ").trim();
    if (cleaned.codePointCount(0, cleaned.length()) <= max) {
      return cleaned;
    }
    return cleaned.substring(0, cleaned.offsetByCodePoints(0, max)) + "…";
  }

  private static boolean isControl(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
      || type == Character.PARAGRAPH_SEPARATOR;
  }
}
