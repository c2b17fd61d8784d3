package io.rtchat.group;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Every so often (and soon after start) every group's chat is made to follow the group, page by page: the backstop
 * for whatever the outbox cannot know of (a change made before the outbox existed, a mark lost with a crash between
 * a refused request's mark and its clear, a chat changed by hand). Following is idempotent and versioned (see
 * {@link GroupChatFollower}), so a page read before a concurrent change can never undo that change.
 */
class GroupReconciliation {

  private static final Logger log = LoggerFactory.getLogger(GroupReconciliation.class);
  static final int PAGE = 100;

  private final GroupStore groups;
  private final GroupChatFollower follower;
  private boolean running;

  GroupReconciliation(GroupStore groups, GroupChatFollower follower) {
    this.groups = groups;
    this.follower = follower;
  }

  /** One pass over all groups; stops at the first failure (the next pass starts over). */
  Future<Void> run() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return page(null, 0)
      .onSuccess(count -> log.info("group chats reconciled groups={}", count))
      .onFailure(err -> log.warn("group chat reconciliation stopped: {}", err.getMessage()))
      .<Void>mapEmpty()
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      });
  }

  private Future<Integer> page(String afterId, int done) {
    return groups.membershipPage(afterId, PAGE).compose(page -> followInTurn(page, 0).compose(v -> page.size() < PAGE
      ? Future.succeededFuture(done + page.size())
      : page(page.get(page.size() - 1).getString("_id"), done + page.size())));
  }

  private Future<Void> followInTurn(List<JsonObject> page, int index) {
    if (index == page.size()) {
      return Future.succeededFuture();
    }
    JsonObject group = page.get(index);
    return follower.follow(group.getString("_id"), group).compose(v -> followInTurn(page, index + 1));
  }
}
