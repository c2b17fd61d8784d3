package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

/**
 * The sender deletes a message, softly: it keeps its seq so paging stays gap-free, the chat's last message follows,
 * and its attachments are released for media-service to reclaim. Deleting twice changes nothing (and tells nobody
 * again).
 */
final class DeleteMessage {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatAccess access;
  private final ChatEvents events;

  DeleteMessage(ChatStore chats, MessageStore messages, ChatAccess access, ChatEvents events) {
    this.chats = chats;
    this.messages = messages;
    this.access = access;
    this.events = events;
  }

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
}

