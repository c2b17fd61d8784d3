package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One list request's paging, parsed once: {@code limit} as the API promises (absent, zero or negative means
 * {@value Paging#DEFAULT_LIMIT}, at most {@value Paging#MAX_LIMIT}) and the {@code before}/{@code after} id cursors
 * (blank means none). The gateway builds it from the query string; services build it from their proxy arguments
 * and {@link #checked()} it, so a bridge or service caller obeys the same rules as a REST client.
 */
public record PageQuery(int limit, String before, String after) {

  public PageQuery {
    limit = Paging.limit(limit);
    before = blankToNull(before);
    after = blankToNull(after);
  }

  public static PageQuery of(Integer limit, String before, String after) {
    return new PageQuery(limit == null ? 0 : limit, before, after);
  }

  /** Only a limit and a {@code before} cursor (newest-first lists). */
  public static PageQuery before(String before, int limit) {
    return new PageQuery(limit, before, null);
  }

  /** Only a limit and an {@code after} cursor (lists by ascending id). */
  public static PageQuery after(String after, int limit) {
    return new PageQuery(limit, null, after);
  }

  /** This query, or a 400 {@code request.invalid_id} naming the cursor that is not an id. */
  public Future<PageQuery> checked() {
    if (before != null && !Ids.isValid(before)) {
      return Input.checkId("before", before).map(v -> this);
    }
    if (after != null && !Ids.isValid(after)) {
      return Input.checkId("after", after).map(v -> this);
    }
    return Future.succeededFuture(this);
  }

  /** How many items to fetch: one more than the page, to learn whether more exist. */
  public int fetchSize() {
    return limit + 1;
  }

  /** The page {@code {items, hasMore}} from up to {@link #fetchSize()} fetched items. */
  public JsonObject page(List<JsonObject> fetched) {
    return Paging.page(fetched, limit);
  }

  private static String blankToNull(String cursor) {
    return cursor == null || cursor.isBlank() ? null : cursor.trim();
  }
}
