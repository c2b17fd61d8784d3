package io.rtchat.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One chat of the user's, as they see it; anyone else's is chat.not_found.
 */
final class GetChat {

  private final ChatAccess access;

  GetChat(ChatAccess access) {
    this.access = access;
  }

  Future<JsonObject> get(String userId, String chatId) {
    return access.chatOf(chatId, userId).map(doc -> ChatViews.chatFor(doc, userId));
  }
}
