package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.common.Dates;
import io.rtchat.common.Input;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's chat list: pinned first, then by last activity, paged by {@code updatedAt}.
 */
final class ListChats {

  private final ChatStore chats;

  ListChats(ChatStore chats) {
    this.chats = chats;
  }

  /** Pinned chats all come on the first page; later pages continue through the unpinned ones by last activity. */
  Future<JsonObject> list(String userId, JsonObject query) {
    Input in = Input.of(query);
    String before = in.optionalString("before", 1, 64);
    int limit = PageLimit.of(in);
    Instant beforeTime = null;
    if (before != null) {
      try {
        beforeTime = Instant.parse(before);
      } catch (DateTimeParseException e) {
        in.problem("before", "must be an ISO-8601 time (a chat's updatedAt)");
      }
    }
    if (in.invalid()) {
      return in.failure();
    }
    Future<List<JsonObject>> pinned = beforeTime == null
      ? chats.chatsOf(userId, true, null, Paging.MAX_LIMIT)
      : Future.succeededFuture(List.of());
    JsonObject cursor = beforeTime == null ? null : Dates.of(beforeTime);
    return pinned.compose(pins -> chats.chatsOf(userId, false, cursor, limit + 1).map(others -> {
      List<JsonObject> items = new ArrayList<>();
      pins.forEach(doc -> items.add(ChatViews.chatFor(doc, userId)));
      others.stream().limit(limit).forEach(doc -> items.add(ChatViews.chatFor(doc, userId)));
      return new JsonObject().put("items", new JsonArray(items)).put("hasMore", others.size() > limit);
    }));
  }
}
