package io.rtchat.common;

/**
 * Text that other people see as a name (user names, group names, file names): it must read as what it is. Refused:
 * <ul>
 *   <li>control characters, line and paragraph separators (they forge lines in mails and screens);</li>
 *   <li>Unicode format characters (category Cf: bidi overrides and isolates such as U+202E, which shows
 *   {@code invoice\u202Efdp.exe} as "invoiceexe.pdf", zero-width spaces, joiners, word joiners, U+FEFF, soft hyphen,
 *   tag characters), except a zero-width joiner between two symbols, as in emoji sequences;</li>
 *   <li>characters that render as nothing although they are letters or marks: the Hangul fillers U+115F, U+1160,
 *   U+3164 and U+FFA0, the blank Braille pattern U+2800, the combining grapheme joiner U+034F, and the Mongolian
 *   free variation selectors U+180B-U+180D;</li>
 *   <li>a variation selector (U+FE00-U+FE0F, U+E0100-U+E01EF) that selects nothing: first, or after white space or
 *   another invisible.</li>
 * </ul>
 */
public final class DisplayText {

  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private DisplayText() {
  }

  /** Notes a problem on {@code field} when its value holds a character {@link #hasInvisibles} refuses. */
  public static void check(Input in, String field, String value) {
    if (hasInvisibles(value)) {
      in.problem(field, "may not contain control, invisible or direction-changing characters");
    }
  }

  /** True when a person reading this text could not see all of it, or would see it in another order. */
  public static boolean hasInvisibles(String text) {
    if (text == null) {
      return false;
    }
    int[] cps = text.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      int previous = i > 0 ? cps[i - 1] : -1;
      int next = i + 1 < cps.length ? cps[i + 1] : -1;
      if (cp == ZERO_WIDTH_JOINER) {
        if (!joinsSymbols(previous, next)) {
          return true;
        }
      } else if (isVariationSelector(cp)) {
        if (previous < 0 || Character.isWhitespace(previous) || isVariationSelector(previous)
          || previous == ZERO_WIDTH_JOINER || alwaysInvisible(previous)) {
          return true;
        }
      } else if (alwaysInvisible(cp)) {
        return true;
      }
    }
    return false;
  }

  private static boolean alwaysInvisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
      || type == Character.PARAGRAPH_SEPARATOR
      || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x034F
      || (cp >= 0x180B && cp <= 0x180D);
  }

  static boolean isVariationSelector(int cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  /** An emoji sequence: a symbol (or its modifier or presentation selector) joined to a following symbol. */
  private static boolean joinsSymbols(int previous, int next) {
    boolean before = previous >= 0 && (symbol(previous) || isVariationSelector(previous));
    return before && next >= 0 && symbol(next);
  }

  private static boolean symbol(int cp) {
    int type = Character.getType(cp);
    return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL;
  }
}
