package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Who may see what, for every use case: a chat the user takes part in, a message in one of their chats, a message
 * they sent. Anything else is "not found", never telling "absent" from "not yours".
 */
final class ChatAccess {

  /** A message together with its chat (whose read pointers its readBy comes from). */
  record MessageInChat(JsonObject message, JsonObject chat) {
  }

  private final ChatStore chats;
  private final MessageStore messages;

  ChatAccess(ChatStore chats, MessageStore messages) {
    this.chats = chats;
    this.messages = messages;
  }

  /** The chat if the user takes part in it; chat.not_found otherwise (a malformed id is invalid_id). */
  Future<JsonObject> chatOf(String chatId, String userId) {
    return Input.checkId("chatId", chatId)
      .compose(v -> chats.byIdFor(chatId, userId))
      .compose(doc -> doc == null ? notFound() : Future.succeededFuture(doc));
  }

  /** A message in one of the user's chats; message.not_found otherwise. */
  Future<MessageInChat> visibleMessage(String userId, String messageId) {
    return Input.checkId("messageId", messageId)
      .compose(v -> messages.byId(messageId))
      .compose(message -> message == null ? Future.succeededFuture(null) : chats.byIdFor(message.getString("chatId"), userId)
        .map(chat -> chat == null ? null : new MessageInChat(message, chat)))
      .compose(found -> found == null ? Errors.fail(ErrorCode.MESSAGE_NOT_FOUND, "No such message") : Future.succeededFuture(found));
  }

  /** A message the user sent, in one of their chats; message.not_sender for someone else's. */
  Future<MessageInChat> ownMessage(String userId, String messageId) {
    return visibleMessage(userId, messageId).compose(found -> userId.equals(found.message().getString("sender"))
      ? Future.succeededFuture(found)
      : Errors.fail(ErrorCode.MESSAGE_NOT_SENDER, "Only the sender may change a message"));
  }

  static <T> Future<T> notFound() {
    return Errors.fail(ErrorCode.CHAT_NOT_FOUND, "No such chat");
  }
}
