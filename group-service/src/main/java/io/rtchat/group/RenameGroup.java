package io.rtchat.group;

import io.rtchat.api.ChatService;
import io.rtchat.common.DisplayText;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Admins rename the group, and its chat with it; members hear {@code group.updated}. */
class RenameGroup {

  private final ChatService chats;
  private final GroupStore groups;
  private final GroupEvents events;

  RenameGroup(ChatService chats, GroupStore groups, GroupEvents events) {
    this.chats = chats;
    this.groups = groups;
    this.events = events;
  }

  Future<JsonObject> rename(String userId, String groupId, JsonObject body) {
    Input in = Input.of(body);
    String name = in.requiredString("name", 1, 100);
    DisplayText.check(in, "name", name);
    if (in.invalid()) {
      return in.failure();
    }
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.renameAsAdmin(groupId, userId, name))
      .compose(doc -> doc != null ? Future.succeededFuture(doc)
        : groups.byId(groupId).compose(group -> GroupAccess.<JsonObject>whyNotAsAdmin(userId, group)))
      .compose(doc -> GroupAftermath.unlessChatGone(chats.renameGroupChat(groupId, name)).map(v -> doc))
      .map(events::updated);
  }
}
