package io.rtchat.group;

import io.rtchat.api.ChatService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Makes a group's chat follow the group as it is now: the group is the truth, the chat (chat-service) follows it.
 * A group that is gone takes its chat with it; otherwise the chat gets the whole member list with the group's
 * membership version, which chat-service takes only if it is not older than what it has. So following is idempotent
 * and any number of followers may run at once, in any order: a removed member is never brought back.
 * <p>
 * After a change the request follows at once; when chat-service does not confirm (stopped, unreachable, its database
 * failing), the change's {@link ChatSyncOutbox} mark stays and {@link #retryDue} follows it again every retry interval
 * until it does. The request itself still succeeds: the group changed, and its chat will follow.
 */
class GroupChatFollower {

  private static final Logger log = LoggerFactory.getLogger(GroupChatFollower.class);
  /** Marks followed per retry run; the rest wait for the next run. */
  static final int RETRY_BATCH = 100;

  private final GroupStore groups;
  private final ChatSyncOutbox outbox;
  private final ChatService chats;
  private final Duration retryAfter;
  private boolean retrying;

  GroupChatFollower(GroupStore groups, ChatSyncOutbox outbox, ChatService chats, Duration retryAfter) {
    this.groups = groups;
    this.outbox = outbox;
    this.chats = chats;
    this.retryAfter = retryAfter;
  }

  /** Marks the group before a membership change (see {@link ChatSyncOutbox}); answers the mark's token. */
  Future<String> mark(String groupId) {
    return outbox.mark(groupId);
  }

  /** The change behind {@code token} did not happen (refused): nothing for the chat to follow. */
  Future<Void> unmark(String groupId, String token) {
    return outbox.clear(groupId, token);
  }

  /**
   * After the change behind {@code token}: the chat follows now, and the mark goes once it did. Never fails: a chat
   * that could not follow keeps the mark for {@link #retryDue}.
   */
  Future<Void> afterChange(String groupId, String token) {
    return follow(groupId)
      .compose(v -> outbox.clear(groupId, token))
      .recover(err -> {
        log.warn("group chat not in step yet, retried in {} ms groupId={}: {}", retryAfter.toMillis(), groupId,
          err.getMessage());
        return Future.succeededFuture();
      });
  }

  /** Reads the group and makes its chat follow it. */
  Future<Void> follow(String groupId) {
    return groups.byId(groupId).compose(group -> follow(groupId, group));
  }

  /** Makes the chat follow {@code group} as read (null: the group is gone). */
  Future<Void> follow(String groupId, JsonObject group) {
    if (group == null) {
      return chats.deleteGroupChat(groupId);
    }
    return GroupAftermath.unlessChatGone(
      chats.syncGroupChatMembers(groupId, GroupViews.ids(group, "members"), GroupStore.version(group)));
  }

  /**
   * Follows every mark older than the retry interval (younger ones are still their own request's), one at a time,
   * and stops at the first failure: chat-service is then most likely still away, and the next run tries again.
   */
  Future<Void> retryDue() {
    if (retrying) {
      return Future.succeededFuture();
    }
    retrying = true;
    return outbox.due(Instant.now().minus(retryAfter), RETRY_BATCH)
      .compose(marks -> retryInTurn(marks, 0))
      .onFailure(err -> log.warn("group chat retry stopped, next in {} ms: {}", retryAfter.toMillis(), err.getMessage()))
      .eventually(() -> {
        retrying = false;
        return Future.succeededFuture();
      });
  }

  private Future<Void> retryInTurn(List<JsonObject> marks, int index) {
    if (index == marks.size()) {
      return Future.succeededFuture();
    }
    JsonObject mark = marks.get(index);
    String groupId = mark.getString("_id");
    return follow(groupId)
      .compose(v -> outbox.clear(groupId, mark.getString("mark")))
      .onSuccess(v -> log.info("group chat in step again groupId={}", groupId))
      .compose(v -> retryInTurn(marks, index + 1));
  }
}
