package io.rtchat.chat;

import io.vertx.core.Future;

/** A participant is typing: at most one {@code chat.typing} per user and chat per TypingThrottle window reaches the others. */
final class SignalTyping {

  private final ChatAccess access;
  private final ChatEvents events;
  private final TypingThrottle typingThrottle;

  SignalTyping(ChatAccess access, ChatEvents events, TypingThrottle typingThrottle) {
    this.access = access;
    this.events = events;
    this.typingThrottle = typingThrottle;
  }

  Future<Void> typing(String userId, String chatId) {
    long now = System.currentTimeMillis();
    if (typingThrottle.recentlySent(userId, chatId, now)) {
      return Future.succeededFuture(); // only ever recorded for a participant, so this reveals nothing
    }
    return access.chatOf(chatId, userId).map(chat -> {
      typingThrottle.sent(userId, chatId, now);
      events.typing(chat, userId);
      return null;
    });
  }
}

