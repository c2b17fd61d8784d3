package io.rtchat.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;

/**
 * The one mapping from a stored Mongo document to what a client sees: {@code _id} becomes {@code id}, a stored date
 * ({@code {"$date": ...}}) becomes its ISO-8601 string, nested objects and arrays are mapped the same way (and
 * copied, so a view never shares state with the document). Views name their fields explicitly ({@link #of}): a field
 * a service starts storing (a hash, a token) never leaks by accident. A named field that is absent is present in the
 * view as {@code null}, as clients have always seen it.
 */
public final class DocumentView {

  private DocumentView() {
  }

  /** {@code id} plus the named fields of the document, in that order, each mapped by {@link #value}. */
  public static JsonObject of(JsonObject doc, String... fields) {
    JsonObject view = new JsonObject().put("id", value(doc.getValue("_id")));
    for (String field : fields) {
      view.put(field, value(doc.getValue(field)));
    }
    return view;
  }

  /** A stored value as a client sees it: dates as ISO strings, nested documents and arrays mapped and copied. */
  public static Object value(Object stored) {
    if (stored instanceof JsonObject json) {
      if (json.containsKey("$date")) {
        return Dates.iso(json);
      }
      JsonObject mapped = new JsonObject();
      for (Map.Entry<String, Object> entry : json) {
        mapped.put("_id".equals(entry.getKey()) ? "id" : entry.getKey(), value(entry.getValue()));
      }
      return mapped;
    }
    if (stored instanceof JsonArray array) {
      JsonArray mapped = new JsonArray();
      array.forEach(item -> mapped.add(value(item)));
      return mapped;
    }
    if (stored instanceof Instant instant) {
      return instant.toString();
    }
    return stored;
  }
}
