package io.rtchat.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Cursor paging as the API promises: {@code limit} defaults to 50, at most 100; answers are {@code {items, hasMore}}. */
public final class Paging {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  private Paging() {
  }

  public static int limit(Integer requested) {
    if (requested == null || requested <= 0) {
      return DEFAULT_LIMIT;
    }
    return Math.min(requested, MAX_LIMIT);
  }

  /** Builds a page from up to limit+1 fetched items: the extra one only tells that more exist. */
  public static JsonObject page(List<JsonObject> fetched, int limit) {
    boolean hasMore = fetched.size() > limit;
    List<JsonObject> items = hasMore ? fetched.subList(0, limit) : fetched;
    return new JsonObject().put("items", new JsonArray(List.copyOf(items))).put("hasMore", hasMore);
  }
}
