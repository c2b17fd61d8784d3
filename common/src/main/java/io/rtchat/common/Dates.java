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

  /** The last stored date text turned into its ISO form, and that form. */
  private record Converted(String stored, String iso) {
  }

  /**
   * One message's dates are shown several times in a row (its event for the sender and for the others, the chat's
   * last message, the notification), and parsing a date text is one of the larger costs of a send: the last
   * conversion is remembered. A record in a volatile field, so any thread reads a matching pair.
   */
  private static volatile Converted last = new Converted("", "");

  /** The ISO-8601 form of a stored date (or null when absent). */
  public static String iso(Object stored) {
    if (stored instanceof JsonObject json && json.getValue("$date") instanceof String text) {
      Converted seen = last;
      if (seen.stored.equals(text)) {
        return seen.iso;
      }
      String iso = Instant.parse(text).toString();
      last = new Converted(text, iso);
      return iso;
    }
    Instant instant = toInstant(stored);
    return instant == null ? null : instant.toString();
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
