package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.Input;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Finds messages by their text, in one chat of the user's or across their most recent chats, newest first, paged
 * by message id.
 */
final class SearchMessages {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatAccess access;

  SearchMessages(ChatStore chats, MessageStore messages, ChatAccess access) {
    this.chats = chats;
    this.messages = messages;
    this.access = access;
  }

  Future<JsonObject> search(String userId, JsonObject query) {
    Input in = Input.of(query);
    String q = in.requiredString("q", 1, 200);
    String chatId = in.optionalId("chatId");
    String before = in.optionalId("before");
    int limit = PageLimit.of(in);
    if (in.invalid()) {
      return in.failure();
    }
    Future<List<JsonObject>> searched = chatId != null
      ? access.chatOf(chatId, userId).map(List::of)
      : chats.recentChatsOf(userId, SearchChats.MAX_SEARCHED_CHATS);
    return searched.compose(found -> found.isEmpty()
      ? Future.succeededFuture(Paging.page(List.of(), limit))
      : messages.search(found.stream().map(c -> c.getString("_id")).toList(), q, before, limit)
        .map(page -> MessageViews.page(page, userId, found)));
  }
}
