package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A user pins or unpins a chat for themselves.
 */
final class PinChat {

  private final ChatStore chats;
  private final ChatEvents events;

  PinChat(ChatStore chats, ChatEvents events) {
    this.chats = chats;
    this.events = events;
  }

  /** Pins are personal: only the user's own list (and devices) change. */
  Future<JsonObject> pin(String userId, String chatId, boolean pinned) {
    return Input.checkId("chatId", chatId)
      .compose(v -> chats.setPinned(chatId, userId, pinned))
      .compose(doc -> doc == null ? ChatAccess.<JsonObject>notFound() : Future.succeededFuture(doc))
      .map(doc -> {
        JsonObject chat = ChatViews.chatFor(doc, userId);
        events.pinChanged(userId, chat);
        return chat;
      });
  }
}
