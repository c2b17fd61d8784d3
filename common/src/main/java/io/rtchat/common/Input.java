package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads fields from a request body and collects every problem at once, so a client learns all of what was wrong.
 * Usage: read the fields, then {@code if (in.invalid()) return in.failure();}. Services validate here, not the
 * gateway, so REST calls and bridge commands obey the same rules.
 */
public final class Input {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

  private final JsonObject body;
  private final JsonObject fields = new JsonObject();

  private Input(JsonObject body) {
    this.body = body == null ? new JsonObject() : body;
  }

  public static Input of(JsonObject body) {
    return new Input(body);
  }

  public boolean invalid() {
    return !fields.isEmpty();
  }

  public <T> Future<T> failure() {
    return Errors.fail(ErrorCode.VALIDATION, "Some fields are invalid", fields);
  }

  public Input problem(String field, String message) {
    if (!fields.containsKey(field)) {
      fields.put(field, message);
    }
    return this;
  }

  public boolean has(String field) {
    return body.getValue(field) != null;
  }

  /** A trimmed string of min..max characters; null (and a problem) when missing or wrong. */
  public String requiredString(String field, int min, int max) {
    Object v = body.getValue(field);
    if (v == null) {
      problem(field, "is required");
      return null;
    }
    return checkString(field, v, min, max);
  }

  /** Like {@link #requiredString} but absent is fine (returns null without a problem). */
  public String optionalString(String field, int min, int max) {
    Object v = body.getValue(field);
    return v == null ? null : checkString(field, v, min, max);
  }

  private String checkString(String field, Object v, int min, int max) {
    if (!(v instanceof String s)) {
      problem(field, "must be a string");
      return null;
    }
    String t = s.strip();
    if (t.length() < min) {
      problem(field, min <= 1 ? "must not be empty" : "must be at least " + min + " characters");
      return null;
    }
    if (t.length() > max) {
      problem(field, "must be at most " + max + " characters");
      return null;
    }
    return t;
  }

  /** A string taken as is (passwords: no trimming). */
  public String requiredRaw(String field, int min, int max) {
    Object v = body.getValue(field);
    if (v == null) {
      problem(field, "is required");
      return null;
    }
    if (!(v instanceof String s)) {
      problem(field, "must be a string");
      return null;
    }
    if (s.length() < min) {
      problem(field, "must be at least " + min + " characters");
      return null;
    }
    if (s.length() > max) {
      problem(field, "must be at most " + max + " characters");
      return null;
    }
    return s;
  }

  public String requiredEmail(String field) {
    String s = requiredString(field, 3, 254);
    if (s != null && !EMAIL.matcher(s).matches()) {
      problem(field, "must be a valid address");
      return null;
    }
    return s == null ? null : s.toLowerCase();
  }

  public String requiredId(String field) {
    Object v = body.getValue(field);
    if (v == null) {
      problem(field, "is required");
      return null;
    }
    return checkId(field, v);
  }

  public String optionalId(String field) {
    Object v = body.getValue(field);
    return v == null ? null : checkId(field, v);
  }

  private String checkId(String field, Object v) {
    if (!(v instanceof String s) || !Ids.isValid(s)) {
      problem(field, "must be a 24-character hex id");
      return null;
    }
    return s;
  }

  /** A list of distinct ids, at most max long; absent gives an empty list. */
  public List<String> optionalIdList(String field, int max) {
    Object v = body.getValue(field);
    List<String> ids = new ArrayList<>();
    if (v == null) {
      return ids;
    }
    if (!(v instanceof JsonArray array)) {
      problem(field, "must be an array of ids");
      return ids;
    }
    if (array.size() > max) {
      problem(field, "must hold at most " + max + " ids");
      return ids;
    }
    for (Object o : array) {
      if (!(o instanceof String s) || !Ids.isValid(s)) {
        problem(field, "must be an array of 24-character hex ids");
        return new ArrayList<>();
      }
      if (!ids.contains(s)) {
        ids.add(s);
      }
    }
    return ids;
  }

  public Long optionalLong(String field, long min, long max) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    return checkLong(field, v, min, max);
  }

  public Long requiredLong(String field, long min, long max) {
    Object v = body.getValue(field);
    if (v == null) {
      problem(field, "is required");
      return null;
    }
    return checkLong(field, v, min, max);
  }

  private Long checkLong(String field, Object v, long min, long max) {
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      problem(field, "must be a whole number");
      return null;
    }
    long l = n.longValue();
    if (l < min || l > max) {
      problem(field, "must be between " + min + " and " + max);
      return null;
    }
    return l;
  }

  public String requiredEnum(String field, List<String> allowed) {
    Object v = body.getValue(field);
    if (v == null) {
      problem(field, "is required");
      return null;
    }
    if (!(v instanceof String s) || !allowed.contains(s)) {
      problem(field, "must be one of " + String.join(", ", allowed));
      return null;
    }
    return s;
  }

  /** Validates a path or query id (no body): a failed future when it is not an ObjectId. */
  public static Future<Void> checkId(String name, String value) {
    if (Ids.isValid(value)) {
      return Future.succeededFuture();
    }
    return Errors.fail(ErrorCode.INVALID_ID, name + " must be a 24-character hex id",
      new JsonObject().put(name, "must be a 24-character hex id"));
  }
}
