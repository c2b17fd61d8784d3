package io.rtchat.group;

import io.rtchat.api.ChatService;
import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.DisplayText;
import io.rtchat.common.Input;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Creates a group: its chat first (chat-service), then the group document with the caller as first member and admin
 * (the chat is removed again when that fails), then the invitations of {@code memberIds}.
 */
class CreateGroup {

  private static final Logger log = LoggerFactory.getLogger(CreateGroup.class);

  private final ChatService chats;
  private final GroupStore groups;
  private final SocialStore social;
  private final InvitationSender inviter;

  CreateGroup(ChatService chats, GroupStore groups, SocialStore social, InvitationSender inviter) {
    this.chats = chats;
    this.groups = groups;
    this.social = social;
    this.inviter = inviter;
  }

  Future<JsonObject> create(String userId, JsonObject body) {
    Input in = Input.of(body);
    String name = in.requiredString("name", 1, 100);
    DisplayText.check(in, "name", name);
    List<String> memberIds = in.optionalIdList("memberIds", Paging.MAX_LIMIT);
    if (in.invalid()) {
      return in.failure();
    }
    List<String> invitees = memberIds.stream().filter(id -> !id.equals(userId)).toList();
    String groupId = Ids.newId();
    return inviter.requireUsers(invitees)
      .compose(v -> chats.createGroupChat(groupId, name, List.of(userId)))
      .compose(chat -> {
        JsonObject doc = newGroup(groupId, name, userId, invitees, chat.getString("id"));
        return groups.insert(doc)
          .recover(err -> chats.deleteGroupChat(groupId).transform(ignored -> Future.failedFuture(err)))
          .map(v -> doc);
      })
      .compose(doc -> social.addGroup(userId, groupId).map(v -> doc))
      .compose(doc -> inviter.invite(userId, doc, invitees).map(v -> doc))
      .map(doc -> {
        log.info("group created groupId={} userId={} invited={}", groupId, userId, invitees.size());
        return new JsonObject().put("group", GroupViews.group(doc)).put("chatId", doc.getString("chatId"));
      });
  }

  static JsonObject newGroup(String groupId, String name, String creatorId, List<String> invitees, String chatId) {
    JsonObject now = Dates.now();
    return new JsonObject()
      .put("_id", groupId)
      .put("name", name)
      .put("members", new JsonArray().add(creatorId))
      .put("admins", new JsonArray().add(creatorId))
      .put("invited", new JsonArray(invitees))
      .put("createdBy", creatorId)
      .put("chatId", chatId)
      .put("createdAt", now)
      .put("updatedAt", now);
  }
}
