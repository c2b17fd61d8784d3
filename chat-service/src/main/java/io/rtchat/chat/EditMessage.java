package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The sender edits a message: the new text is checked against the message's type, a deleted message stays deleted,
 * and the chat's last message follows the edit.
 */
final class EditMessage {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatAccess access;
  private final ChatEvents events;
  private final int maxMessageBytes;

  EditMessage(ChatStore chats, MessageStore messages, ChatAccess access, ChatEvents events, int maxMessageBytes) {
    this.chats = chats;
    this.messages = messages;
    this.access = access;
    this.events = events;
    this.maxMessageBytes = maxMessageBytes;
  }

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
}

