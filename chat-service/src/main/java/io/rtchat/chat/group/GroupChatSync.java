package io.rtchat.chat.group;

import io.rtchat.chat.ChatEvents;
import io.rtchat.chat.ChatViews;
import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
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
public final class GroupChatSync {

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatEvents events;

  public GroupChatSync(ChatStore chats, MessageStore messages, ChatEvents events) {
    this.chats = chats;
    this.messages = messages;
    this.events = events;
  }

  /** Creates the group's chat unless it exists (a retried call answers the same chat). */
  public Future<JsonObject> create(String groupId, String name, List<String> participantIds) {
    return chats.upsertGroupChat(groupId, name, participantIds).map(doc -> {
      events.groupChatCreated(doc);
      return ChatViews.shared(doc);
    });
  }

  /**
   * Makes the chat's participants the group's members at membership {@code version} (see {@link GroupChatMembership}):
   * a stale list changes nothing, a repeated one nothing more. A new member starts with nothing unread: their read
   * pointer starts at the chat's newest message ($max: a message sent meanwhile can only leave it lower, never lose
   * one). Members who left hear it too, so their clients drop the chat; from the write on they get none of its events
   * and cannot read it.
   */
  public Future<Void> syncMembers(String groupId, List<String> memberIds, long version) {
    return syncMembers(groupId, memberIds, version, SYNC_ATTEMPTS);
  }

  /** Another sync of the same chat between our read and our write makes ours read again; this bounds the rounds. */
  static final int SYNC_ATTEMPTS = 8;

  private Future<Void> syncMembers(String groupId, List<String> memberIds, long version, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Errors.fail(ErrorCode.UNAVAILABLE, "The group's chat is changing too fast; try again");
    }
    return chats.byGroup(groupId).compose(chat -> {
      if (chat == null) {
        return noChat();
      }
      GroupChatMembership change = GroupChatMembership.decide(chat, memberIds, version);
      if (!change.apply()) {
        return Future.succeededFuture();
      }
      return chats.replaceGroupParticipants(groupId, GroupChatMembership.storedVersion(chat), memberIds, version,
          change.changesParticipants())
        .compose(doc -> doc == null
          ? syncMembers(groupId, memberIds, version, attemptsLeft - 1)
          : startReading(doc, change.added()).map(v -> {
            if (change.changesParticipants()) {
              events.membersChanged(doc, change.removed());
            }
            return null;
          }));
    });
  }

  private Future<Void> startReading(JsonObject chat, List<String> newMembers) {
    long newest = chat.getLong("lastSeq", 0L);
    return Future.all(newMembers.stream()
        .map(userId -> chats.startReading(chat.getString("_id"), userId, newest))
        .toList())
      .mapEmpty();
  }

  public Future<Void> rename(String groupId, String name) {
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
  public Future<Void> delete(String groupId) {
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
