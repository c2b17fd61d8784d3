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
