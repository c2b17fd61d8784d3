package io.rtchat.chat;

import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The paging of a history or collection query ({@code before} ≥ 1, {@code after} ≥ 0, {@code limit}), checked before
 * anything is read or created: a refused query changes nothing (the assistant's chat is not opened for it).
 */
public record HistoryQuery(Long before, Long after, int limit) {

  public static Future<HistoryQuery> of(JsonObject query) {
    Input in = Input.of(query == null ? new JsonObject() : query);
    Long before = in.optionalLong("before", 1, Long.MAX_VALUE);
    Long after = in.optionalLong("after", 0, Long.MAX_VALUE);
    int limit = PageLimit.of(in);
    return in.invalid() ? in.failure() : Future.succeededFuture(new HistoryQuery(before, after, limit));
  }
}
