package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.api.FriendService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A user opens the 1:1 chat with a friend: made on first use, {@code chat.created} to both.
 */
final class OpenDirectChat {

  private final ChatStore chats;
  private final ChatEvents events;
  private final FriendService friends;

  OpenDirectChat(ChatStore chats, ChatEvents events, FriendService friends) {
    this.chats = chats;
    this.events = events;
    this.friends = friends;
  }

  /** The pair's 1:1 chat, created on first use; only between friends (group-service knows who is). */
  Future<JsonObject> openDirectChat(String userId, JsonObject body) {
    Input in = Input.of(body);
    String otherId = in.requiredId("participantId");
    if (userId.equals(otherId)) {
      in.problem("participantId", "must be someone else");
    }
    if (in.invalid()) {
      return in.failure();
    }
    return friends.areFriends(userId, otherId)
      .compose(areFriends -> areFriends
        ? chats.upsertDirectChat(userId, otherId)
        : Errors.<JsonObject>fail(ErrorCode.CHAT_NOT_FRIEND, "One-to-one chats are between friends"))
      .map(result -> {
        JsonObject doc = result.getJsonObject("chat");
        boolean created = result.getBoolean("created");
        if (created) {
          events.directChatCreated(doc);
        }
        return new JsonObject().put("created", created).put("chat", ChatViews.chatFor(doc, userId));
      });
  }
}
