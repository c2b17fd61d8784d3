package io.rtchat.chat;

import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Anyone in the chat stars a message for themselves: stars are personal, the answer shows only the user's own. */
final class StarMessage {

  private final MessageStore messages;
  private final ChatAccess access;

  StarMessage(MessageStore messages, ChatAccess access) {
    this.messages = messages;
    this.access = access;
  }

  Future<JsonObject> star(String userId, String messageId, boolean starred) {
    return access.visibleMessage(userId, messageId).compose(found -> messages.star(messageId, userId, starred)
      .compose(doc -> doc == null
        ? Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted")
        : Future.succeededFuture(MessageViews.message(doc, userId, found.chat()))));
  }
}

