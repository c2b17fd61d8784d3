package io.rtchat.auth;

/**
 * User-written text that goes into mails sent to someone else: no control characters (a name with line breaks could
 * forge lines of the mail or its headers), and bounded, so a mail always reads as the service wrote it.
 */
final class MailText {

  private static final int NAME_MAX = 50;

  private MailText() {
  }

  /** True when the text holds a control character (line breaks, tabs, NUL, bidi overrides…) that a name must not. */
  static boolean hasControlCharacters(String text) {
    return text != null && text.codePoints().anyMatch(MailText::isControl);
  }

  /** A name as it may appear in a mail body: control characters become spaces, then trimmed and bounded. */
  static String name(String raw) {
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

  private static boolean isControl(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
      || type == Character.PARAGRAPH_SEPARATOR;
  }
}
