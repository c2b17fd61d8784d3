package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The paging of a history or collection query by seq ({@code before} ≥ 1, {@code after} ≥ 0, {@code limit} read
 * leniently and bounded by Paging's rule), checked before anything is read or created: a refused query changes
 * nothing. In common because two services check it: chat-service on every history read, ai-service before it opens
 * a user's assistant chat for one.
 */
public record HistoryQuery(Long before, Long after, int limit) {

  public static Future<HistoryQuery> of(JsonObject query) {
    Input in = Input.of(query == null ? new JsonObject() : query);
    Long before = in.optionalLong("before", 1, Long.MAX_VALUE);
    Long after = in.optionalLong("after", 0, Long.MAX_VALUE);
    Long limit = in.optionalLong("limit", Integer.MIN_VALUE, Integer.MAX_VALUE);
    return in.invalid() ? in.failure()
      : Future.succeededFuture(new HistoryQuery(before, after, Paging.limit(limit == null ? null : limit.intValue())));
  }
}
