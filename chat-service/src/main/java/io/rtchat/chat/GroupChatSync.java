package io.rtchat.chat;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Keeps each group's chat in step with the group: group-service calls these as its members, name and existence
 * change (the group is the source of truth; the chat follows), and every member's devices hear {@code chat.created}
 * or {@code chat.updated}.
 */
final class GroupChatSync {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatEvents events;

  GroupChatSync(ChatStore chats, MessageStore messages, ChatEvents events) {
    this.chats = chats;
    this.messages = messages;
    this.events = events;
  }

  /** Creates the group's chat unless it exists (a retried call answers the same chat). */
  Future<JsonObject> create(String groupId, String name, List<String> participantIds) {
    return chats.upsertGroupChat(groupId, name, participantIds).map(doc -> {
      events.groupChatCreated(doc);
      return ChatViews.shared(doc);
    });
  }

  /**
   * A new member starts with nothing unread: their read pointer starts at the chat's newest message ($max: a
   * message sent meanwhile can only leave it lower, never lose one).
   */
  Future<Void> addParticipant(String groupId, String userId) {
    return chats.addParticipant(groupId, userId).compose(doc -> doc == null
      ? noChat()
      : chats.startReading(doc.getString("_id"), userId, doc.getLong("lastSeq", 0L)).map(before -> {
        events.chatChanged(doc, userId);
        return null;
      }));
  }

  /** The member who left hears of it too, so their client drops the chat. */
  Future<Void> removeParticipant(String groupId, String userId) {
    // When the group's chat is already gone (the last members leaving at once), nobody is left in it: done.
    return chats.removeParticipant(groupId, userId).map(doc -> {
      if (doc != null) {
        events.chatChanged(doc, userId);
      }
      return null;
    });
  }

  Future<Void> rename(String groupId, String name) {
    return chats.rename(groupId, name).compose(doc -> {
      if (doc == null) {
        return noChat();
      }
      events.chatChanged(doc, null);
      return Future.succeededFuture();
    });
  }

  /**
   * Deletes the group's chat and its messages; nothing to do when it is already gone. Messages first: a failure halfway
   * leaves the chat in place, so deleting again finishes the job.
   */
  Future<Void> delete(String groupId) {
    return chats.byGroup(groupId).compose(doc -> doc == null
      ? Future.succeededFuture()
      : messages.deleteAllOf(doc.getString("_id")).compose(v -> chats.deleteChat(doc.getString("_id")))
        .onSuccess(v -> {
          events.chatStateChanged(doc.getString("_id"));
          events.chatMediaReleased(doc.getString("_id"));
        }));
  }

  private static Future<Void> noChat() {
    return Errors.fail(ErrorCode.CHAT_NOT_FOUND, "The group has no chat");
  }
}
