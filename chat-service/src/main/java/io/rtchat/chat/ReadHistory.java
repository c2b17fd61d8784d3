package io.rtchat.chat;

import io.rtchat.chat.store.MessageStore;
import io.rtchat.chat.store.MessageCollection;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.HistoryQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A chat's history and its collections (starred, media, links, files), paged by seq: newest first without a cursor,
 * {@code before} to go back, {@code after} to catch up (a reconnecting client asks for what it missed).
 */
final class ReadHistory {

  private final MessageStore messages;
  private final ChatAccess access;

  ReadHistory(MessageStore messages, ChatAccess access) {
    this.messages = messages;
    this.access = access;
  }

  Future<JsonObject> history(String userId, String chatId, JsonObject query) {
    return page(userId, chatId, MessageCollection.ALL, query);
  }

  /** One named collection; an unknown name is not_found (like an unknown path). */
  Future<JsonObject> collection(String userId, String chatId, String name, JsonObject query) {
    return MessageCollection.named(name)
      .map(collection -> page(userId, chatId, collection, query))
      .orElseGet(() -> Errors.fail(ErrorCode.NOT_FOUND, "No such collection; one of " + MessageCollection.NAMES));
  }

  private Future<JsonObject> page(String userId, String chatId, MessageCollection collection, JsonObject query) {
    return HistoryQuery.of(query).compose(q -> access.chatOf(chatId, userId)
      .compose(chat -> messages.page(chatId, collection, userId, q.before(), q.after(), q.limit())
        .map(page -> MessageViews.page(page, userId, List.of(chat)))));
  }
}
