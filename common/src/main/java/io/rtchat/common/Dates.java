package io.rtchat.common;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** Times are stored as BSON dates ({@code {"$date": ...}}) so Mongo can compare them, and shown as ISO-8601 UTC. */
public final class Dates {

  private Dates() {
  }

  public static JsonObject now() {
    return of(Instant.now());
  }

  public static JsonObject of(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  /** The ISO-8601 form of a stored date (or null when absent). */
  public static String iso(Object stored) {
    if (stored instanceof JsonObject json && json.getValue("$date") instanceof String text && isCanonical(text)) {
      return text;
    }
    Instant instant = toInstant(stored);
    return instant == null ? null : instant.toString();
  }

  /**
   * Whether a date text already is exactly what {@link Instant#toString} would print for it (UTC, "Z", seconds, and a
   * fraction of 3, 6 or 9 digits that is not all zeros), so showing it needs no parse. Parsing a date was one of the
   * larger costs of a send, where every message's dates are shown several times (its event, the chat's last message,
   * the notification); dates this server wrote have this form, and the Mongo codec's shorter fractions do not.
   */
  static boolean isCanonical(String text) {
    int length = text.length();
    if (length != 20 && length != 24 && length != 27 && length != 30) {
      return false;
    }
    for (int i = 0; i < length - 1; i++) {
      char c = text.charAt(i);
      boolean ok = switch (i) {
        case 4, 7 -> c == '-';
        case 10 -> c == 'T';
        case 13, 16 -> c == ':';
        case 19 -> c == '.';
        default -> c >= '0' && c <= '9';
      };
      if (!ok) {
        return false;
      }
    }
    if (text.charAt(length - 1) != 'Z') {
      return false;
    }
    // Instant prints the shortest of 3, 6 or 9 digits: a last group of "000" would not have been printed.
    return length == 20 || !text.startsWith("000", length - 4);
  }

  public static Instant toInstant(Object stored) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof JsonObject json) {
      Object d = json.getValue("$date");
      if (d instanceof Number n) {
        return Instant.ofEpochMilli(n.longValue());
      }
      if (d instanceof JsonObject numberLong) {
        return Instant.ofEpochMilli(Long.parseLong(numberLong.getString("$numberLong")));
      }
      return d == null ? null : Instant.parse(d.toString());
    }
    if (stored instanceof Instant i) {
      return i;
    }
    return Instant.parse(stored.toString());
  }
}
