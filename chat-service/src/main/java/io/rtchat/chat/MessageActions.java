package io.rtchat.chat;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a participant does to a message once it is sent, and around sending: the sender edits or deletes it (soft:
 * it keeps its seq), anyone in the chat stars it for themselves, and typing signals go to the others.
 */
final class MessageActions {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatAccess access;
  private final ChatEvents events;
  private final TypingThrottle typingThrottle;
  private final int maxMessageBytes;

  MessageActions(ChatStore chats, MessageStore messages, ChatAccess access, ChatEvents events,
                 TypingThrottle typingThrottle, int maxMessageBytes) {
    this.chats = chats;
    this.messages = messages;
    this.access = access;
    this.events = events;
    this.typingThrottle = typingThrottle;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The sender's new text, checked against the message's type; the chat's last message follows it. */
  Future<JsonObject> edit(String userId, String messageId, JsonObject body) {
    return access.ownMessage(userId, messageId).compose(found -> {
      if (found.message().getBoolean("deleted", false)) {
        return Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted");
      }
      return MessageInput.editedContent(body, found.message().getString("type"), maxMessageBytes)
        .compose(content -> messages.edit(messageId, userId, content, Links.in(content)))
        .compose(doc -> doc == null ? Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted")
          : chats.refreshLastMessage(doc.getString("chatId"), messageId, MessageViews.summary(doc)).map(doc))
        .map(doc -> {
          events.messageEdited(found.chat(), doc);
          return MessageViews.message(doc, userId, found.chat());
        });
    });
  }

  /** Deleting twice changes nothing (and tells nobody again). */
  Future<Void> delete(String userId, String messageId) {
    return access.ownMessage(userId, messageId).compose(found -> {
      if (found.message().getBoolean("deleted", false)) {
        return Future.succeededFuture();
      }
      return messages.softDelete(messageId, userId).compose(doc -> doc == null
        ? Future.<Void>succeededFuture()
        : chats.refreshLastMessage(doc.getString("chatId"), messageId, MessageViews.summary(doc))
          .onSuccess(v -> {
            events.messageDeleted(found.chat(), doc);
            events.attachmentsReleased(found.message().getJsonArray("attachments", new JsonArray()));
          }));
    });
  }

  /** Stars are personal: the answer shows only the user's own star. */
  Future<JsonObject> star(String userId, String messageId, boolean starred) {
    return access.visibleMessage(userId, messageId).compose(found -> messages.star(messageId, userId, starred)
      .compose(doc -> doc == null
        ? Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted")
        : Future.succeededFuture(MessageViews.message(doc, userId, found.chat()))));
  }

  /** At most one {@code chat.typing} per user and chat per TypingThrottle window reaches the others. */
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
