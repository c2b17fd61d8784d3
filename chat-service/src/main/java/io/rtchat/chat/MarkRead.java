package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Read receipts: a participant's read pointer ({@code readSeq}) only moves forward, and everything up to it counts
 * as read, so marking one seq read is one {@code $max}, answered with the chat's unread count for that participant.
 */
final class MarkRead {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatAccess access;
  private final ChatEvents events;

  MarkRead(ChatStore chats, MessageStore messages, ChatAccess access, ChatEvents events) {
    this.chats = chats;
    this.messages = messages;
    this.access = access;
    this.events = events;
  }

  /** Marks everything up to {@code seq} read; answers {@code {chatId, readSeq, unreadCount}}. */
  Future<JsonObject> markRead(String userId, String chatId, JsonObject body) {
    Input in = Input.of(body);
    Long seq = in.requiredLong("seq", 0, Long.MAX_VALUE);
    if (in.invalid()) {
      return in.failure();
    }
    return access.chatOf(chatId, userId).compose(chat -> {
      long lastSeq = chat.getLong("lastSeq", 0L);
      // lastSeq is recorded just after a message is delivered live: ask the messages when the client is ahead of it.
      Future<Long> upTo = seq <= lastSeq ? Future.succeededFuture(seq) : messages.maxSeq(chatId).map(max -> Math.min(seq, max));
      return upTo.compose(n -> {
        long old = ChatViews.readSeq(chat, userId);
        if (n <= old) {
          return Future.succeededFuture(readState(chatId, old, Math.max(lastSeq, n)));
        }
        return chats.advanceRead(chatId, userId, n)
          .compose(before -> before == null ? ChatAccess.<JsonObject>notFound() : Future.succeededFuture(before))
          .map(before -> {
            events.messageRead(before, userId, n);
            return readState(chatId, Math.max(n, ChatViews.readSeq(before, userId)), Math.max(before.getLong("lastSeq", 0L), n));
          });
      });
    });
  }

  static JsonObject readState(String chatId, long readSeq, long lastSeq) {
    return new JsonObject().put("chatId", chatId).put("readSeq", readSeq).put("unreadCount", Math.max(0L, lastSeq - readSeq));
  }
}
