package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Ids;
import io.rtchat.common.Inbox;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups, admins and group invitations. Every change is one conditional update of the group document whose filter
 * holds the rule ({@code admins: caller} for admin actions, {@code invited: caller} to join, ...), so concurrent
 * calls cannot break a rule: two accepts of one invitation make one membership, two last admins leaving at once
 * still leave an admin. A group's chat (chat-service) follows its membership; {@code users.groups} too.
 */
class GroupRules {

  private static final Logger log = LoggerFactory.getLogger(GroupRules.class);
  static final String KIND = "group";
  /** Leaving re-reads the group and tries again when another change won the race; this bounds the retries. */
  private static final int LEAVE_ATTEMPTS = 8;

  private final EventBus bus;
  private final AuthService auth;
  private final ChatService chats;
  private final Notifier notifier;
  private final InvitationStore invitations;
  private final GroupStore groups;
  private final SocialStore social;

  GroupRules(EventBus bus, AuthService auth, ChatService chats, Notifier notifier, InvitationStore invitations,
             GroupStore groups, SocialStore social) {
    this.bus = bus;
    this.auth = auth;
    this.chats = chats;
    this.notifier = notifier;
    this.invitations = invitations;
    this.groups = groups;
    this.social = social;
  }

  // ---- create and read

  Future<JsonObject> create(String userId, JsonObject body) {
    Input in = Input.of(body);
    String name = in.requiredString("name", 1, 100);
    List<String> memberIds = in.optionalIdList("memberIds", Paging.MAX_LIMIT);
    if (in.invalid()) {
      return in.failure();
    }
    List<String> invitees = memberIds.stream().filter(id -> !id.equals(userId)).toList();
    String groupId = Ids.newId();
    return requireUsers(invitees)
      .compose(v -> chats.createGroupChat(groupId, name, List.of(userId)))
      .compose(chat -> {
        JsonObject now = Dates.now();
        JsonObject doc = new JsonObject()
          .put("_id", groupId)
          .put("name", name)
          .put("members", new JsonArray().add(userId))
          .put("admins", new JsonArray().add(userId))
          .put("invited", new JsonArray(invitees))
          .put("createdBy", userId)
          .put("chatId", chat.getString("id"))
          .put("createdAt", now)
          .put("updatedAt", now);
        return groups.insert(doc)
          .recover(err -> chats.deleteGroupChat(groupId).transform(ignored -> Future.failedFuture(err)))
          .map(v -> doc);
      })
      .compose(doc -> social.addGroup(userId, groupId).map(v -> doc))
      .compose(doc -> sendInvitations(userId, doc, invitees).map(v -> doc))
      .map(doc -> {
        log.info("group created groupId={} userId={} invited={}", groupId, userId, invitees.size());
        return new JsonObject().put("group", GroupViews.group(doc)).put("chatId", doc.getString("chatId"));
      });
  }

  Future<JsonObject> listMine(String userId, String after, int limit) {
    int size = Paging.limit(limit);
    return FriendRules.cursor("after", after)
      .compose(v -> groups.ofMember(userId, after, size))
      .map(docs -> Paging.page(docs.stream().map(GroupViews::group).toList(), size));
  }

  Future<JsonObject> get(String userId, String groupId) {
    return memberView(userId, groupId).compose(doc -> {
      List<String> members = GroupViews.ids(doc, "members");
      return auth.getProfiles(members).map(profiles -> {
        Map<String, Object> byId = new HashMap<>();
        profiles.forEach(p -> byId.put(((JsonObject) p).getString("id"), p));
        JsonArray ordered = new JsonArray();
        members.stream().filter(byId::containsKey).forEach(id -> ordered.add(byId.get(id)));
        return GroupViews.group(doc).put("memberProfiles", ordered);
      });
    });
  }

  /** The group, when it exists (404) and the caller is a member (403). */
  private Future<JsonObject> memberView(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.byId(groupId))
      .compose(doc -> {
        if (doc == null) {
          return Errors.fail(ErrorCode.GROUP_NOT_FOUND, "No such group");
        }
        if (!GroupViews.ids(doc, "members").contains(userId)) {
          return Errors.fail(ErrorCode.GROUP_NOT_MEMBER, "Only members can see this group");
        }
        return Future.succeededFuture(doc);
      });
  }

  // ---- admin actions

  Future<JsonObject> rename(String userId, String groupId, JsonObject body) {
    Input in = Input.of(body);
    String name = in.requiredString("name", 1, 100);
    if (in.invalid()) {
      return in.failure();
    }
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.updateIf(groupId, new JsonObject().put("admins", userId),
        new JsonObject().put("$set", new JsonObject().put("name", name))))
      .compose(doc -> doc == null ? whyNot(userId, groupId, true) : Future.succeededFuture(doc))
      .compose(doc -> unlessChatGone(chats.renameGroupChat(groupId, name)).map(v -> doc))
      .map(doc -> announceUpdate(doc));
  }

  Future<Void> delete(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.deleteIf(groupId, new JsonObject().put("admins", userId)))
      .compose(doc -> doc == null ? whyNot(userId, groupId, true) : Future.succeededFuture(doc))
      .compose(this::afterDeleted);
  }

  Future<JsonObject> invite(String userId, String groupId, JsonObject body) {
    Input in = Input.of(body);
    List<String> userIds = in.optionalIdList("userIds", Paging.MAX_LIMIT);
    if (!in.invalid() && userIds.isEmpty()) {
      in.problem("userIds", "must list at least one user id");
    }
    if (in.invalid()) {
      return in.failure();
    }
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.byId(groupId))
      .compose(group -> {
        Future<JsonObject> refusal = refusal(userId, group, true);
        if (refusal != null) {
          return refusal;
        }
        if (userIds.stream().anyMatch(GroupViews.ids(group, "members")::contains)) {
          return Errors.fail(ErrorCode.GROUP_ALREADY_MEMBER, "Some of these users are already members");
        }
        return requireUsers(userIds).compose(v -> groups.updateIf(groupId,
          new JsonObject().put("admins", userId).put("members", new JsonObject().put("$nin", new JsonArray(userIds))),
          new JsonObject().put("$addToSet", new JsonObject().put("invited", new JsonObject().put("$each", new JsonArray(userIds))))));
      })
      .compose(doc -> doc == null
        ? Errors.fail(ErrorCode.GROUP_ALREADY_MEMBER, "The group changed meanwhile (someone joined or your rights changed); try again")
        : sendInvitations(userId, doc, userIds).map(v -> announceUpdate(doc)));
  }

  Future<JsonObject> removeMember(String userId, String groupId, String memberId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> memberId.equals(userId)
        ? Errors.fail(ErrorCode.VALIDATION, "To leave a group use POST /groups/{id}/leave",
          new JsonObject().put("userId", "must not be yourself"))
        : groups.updateIf(groupId, new JsonObject().put("admins", userId).put("members", memberId),
          new JsonObject().put("$pull", new JsonObject().put("members", memberId).put("admins", memberId))))
      .compose(doc -> doc == null ? whyNotForMember(userId, groupId) : Future.succeededFuture(doc))
      .compose(doc -> afterLeft(doc, memberId, userId).map(v -> GroupViews.group(doc)));
  }

  Future<JsonObject> promote(String userId, String groupId, String memberId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> groups.updateIf(groupId, new JsonObject().put("admins", userId).put("members", memberId),
        new JsonObject().put("$addToSet", new JsonObject().put("admins", memberId))))
      .compose(doc -> doc == null ? whyNotForMember(userId, groupId) : Future.succeededFuture(doc))
      .map(this::announceUpdate);
  }

  /**
   * Demoting another admin needs the caller to be admin; demoting yourself needs another admin to remain
   * ({@code admins.1} exists), so a group never loses its last admin this way.
   */
  Future<JsonObject> demote(String userId, String groupId, String memberId) {
    JsonObject filter = memberId != null && memberId.equals(userId)
      ? new JsonObject().put("admins", userId).put("admins.1", new JsonObject().put("$exists", true))
      : new JsonObject().put("admins", new JsonObject().put("$all", new JsonArray().add(userId).add(memberId)));
    return Input.checkId("groupId", groupId)
      .compose(v -> Input.checkId("userId", memberId))
      .compose(v -> groups.updateIf(groupId, filter, new JsonObject().put("$pull", new JsonObject().put("admins", memberId))))
      .compose(doc -> doc != null ? Future.succeededFuture(announceUpdate(doc)) : groups.byId(groupId).compose(group -> {
        Future<JsonObject> refusal = refusal(userId, group, true);
        if (refusal != null) {
          return refusal;
        }
        if (memberId.equals(userId)) {
          return Errors.fail(ErrorCode.GROUP_LAST_ADMIN, "You are the only admin: promote someone first");
        }
        if (!GroupViews.ids(group, "members").contains(memberId)) {
          return Errors.fail(ErrorCode.GROUP_MEMBER_NOT_FOUND, "This user is not a member of the group");
        }
        return Future.succeededFuture(GroupViews.group(group)); // a member who is not an admin: nothing to do
      }));
  }

  // ---- invitations

  Future<JsonObject> listInvitations(String userId, String before, int limit) {
    int size = Paging.limit(limit);
    return FriendRules.cursor("before", before)
      .compose(v -> invitations.pending(KIND, "receiver", userId, before, size))
      .compose(docs -> GroupViews.withProfiles(auth, docs.stream().map(GroupViews::invitation).toList()))
      .compose(views -> groups.byIds(views.stream().map(view -> view.getString("groupId")).distinct().toList())
        .map(found -> {
          Map<String, JsonObject> byId = new HashMap<>();
          found.forEach(g -> byId.put(g.getString("_id"), g));
          // the group's own invited list is the truth: an invitation it no longer lists is not shown
          List<JsonObject> live = views.stream().limit(size).filter(view -> {
            JsonObject g = byId.get(view.getString("groupId"));
            return g != null && GroupViews.ids(g, "invited").contains(userId);
          }).toList();
          live.forEach(view -> view.put("group", summary(byId.get(view.getString("groupId")))));
          return new JsonObject().put("items", new JsonArray(live)).put("hasMore", views.size() > size);
        }));
  }

  Future<JsonObject> accept(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.updateIf(groupId, new JsonObject().put("invited", userId), new JsonObject()
        .put("$pull", new JsonObject().put("invited", userId))
        .put("$addToSet", new JsonObject().put("members", userId))))
      .compose(doc -> doc == null ? whyNotInvited(userId, groupId) : Future.succeededFuture(doc))
      .compose(doc -> invitations.close(new JsonObject().put("pendingKey", InvitationStore.groupKey(groupId, userId)), "accepted")
        .compose(v -> social.addGroup(userId, groupId))
        .compose(v -> unlessChatGone(chats.addGroupChatParticipant(groupId, userId)))
        .map(v -> {
          JsonObject view = GroupViews.group(doc);
          log.info("group joined groupId={} userId={}", groupId, userId);
          Inbox.publish(bus, GroupViews.ids(doc, "members"), EventTypes.GROUP_MEMBER_JOINED,
            new JsonObject().put("groupId", groupId).put("userId", userId).put("group", view));
          return view;
        }));
  }

  Future<Void> reject(String userId, String groupId) {
    return Input.checkId("groupId", groupId)
      .compose(v -> groups.updateIf(groupId, new JsonObject().put("invited", userId),
        new JsonObject().put("$pull", new JsonObject().put("invited", userId))))
      .compose(doc -> doc == null ? whyNotInvited(userId, groupId) : Future.succeededFuture(doc))
      .compose(doc -> invitations.close(new JsonObject().put("pendingKey", InvitationStore.groupKey(groupId, userId)), "rejected"))
      .onSuccess(v -> log.info("group invitation declined groupId={} userId={}", groupId, userId))
      .mapEmpty();
  }

  /** Records a pending invitation for each invitee and tells those newly invited (live and as a notification). */
  private Future<Void> sendInvitations(String senderId, JsonObject group, List<String> invitees) {
    String groupId = group.getString("_id");
    List<Future<JsonObject>> inserts = invitees.stream()
      .map(invitee -> invitations.insertPending(KIND, senderId, invitee, group.getString("name"), groupId,
          InvitationStore.groupKey(groupId, invitee))
        .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture(null) : Future.failedFuture(err)))
      .toList();
    return Future.all(inserts).compose(all -> {
      List<JsonObject> fresh = inserts.stream().map(Future::result).filter(doc -> doc != null)
        .map(GroupViews::invitation).toList();
      return GroupViews.withProfiles(auth, new ArrayList<>(fresh));
    }).map(views -> {
      for (JsonObject view : views) {
        view.put("group", summary(group));
        Inbox.publish(bus, view.getString("receiver"), EventTypes.GROUP_INVITE, view);
      }
      notifier.notify(views.stream().map(view -> view.getString("receiver")).toList(), "group_invite",
        "invited you to " + group.getString("name"), groupId, senderId);
      return null;
    });
  }

  // ---- leaving

  Future<Void> leave(String userId, String groupId) {
    return Input.checkId("groupId", groupId).compose(v -> leaveAttempt(userId, groupId, LEAVE_ATTEMPTS));
  }

  /**
   * Reads the group, picks the one conditional update that fits (last member: delete; not an admin: leave; one of
   * several admins: leave; the only admin: leave and hand admin to the longest-standing member), and tries it. When
   * the filter no longer matches, another change got there first: read again and decide again.
   */
  private Future<Void> leaveAttempt(String userId, String groupId, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Errors.fail(ErrorCode.UNAVAILABLE, "The group is changing too fast; try again");
    }
    return groups.byId(groupId).compose(group -> {
      Future<JsonObject> refusal = refusal(userId, group, false);
      if (refusal != null) {
        return refusal.mapEmpty();
      }
      List<String> members = GroupViews.ids(group, "members");
      List<String> admins = GroupViews.ids(group, "admins");
      JsonObject pullMe = new JsonObject().put("$pull", new JsonObject().put("members", userId).put("admins", userId));
      Future<JsonObject> attempt;
      boolean deleting = members.size() == 1;
      if (deleting) {
        attempt = groups.deleteIf(groupId, new JsonObject().put("members", new JsonArray().add(userId)));
      } else if (!admins.contains(userId)) {
        attempt = groups.updateIf(groupId, new JsonObject().put("members", userId).put("admins", new JsonObject().put("$ne", userId)),
          new JsonObject().put("$pull", new JsonObject().put("members", userId)));
      } else if (admins.size() > 1) {
        attempt = groups.updateIf(groupId, new JsonObject().put("members", userId).put("admins", userId)
          .put("admins.1", new JsonObject().put("$exists", true)), pullMe);
      } else {
        String heir = members.stream().filter(id -> !id.equals(userId)).findFirst().orElseThrow();
        attempt = groups.updateIf(groupId, new JsonObject()
            .put("admins", new JsonArray().add(userId))
            .put("members", new JsonObject().put("$all", new JsonArray().add(userId).add(heir))),
          new JsonObject()
            .put("$pull", new JsonObject().put("members", userId))
            .put("$set", new JsonObject().put("admins", new JsonArray().add(heir))));
      }
      return attempt.compose(doc -> {
        if (doc == null) {
          return leaveAttempt(userId, groupId, attemptsLeft - 1);
        }
        return deleting ? afterDeleted(doc) : afterLeft(doc, userId, null);
      });
    });
  }

  /** After a member left or was removed: their chat membership and {@code users.groups}, and the live event. */
  private Future<Void> afterLeft(JsonObject doc, String leaverId, String removedBy) {
    String groupId = doc.getString("_id");
    return social.removeGroup(List.of(leaverId), groupId)
      .compose(v -> unlessChatGone(chats.removeGroupChatParticipant(groupId, leaverId)))
      .onSuccess(v -> {
        log.info("group left groupId={} userId={} removedBy={}", groupId, leaverId, removedBy);
        Set<String> audience = new LinkedHashSet<>(GroupViews.ids(doc, "members"));
        audience.add(leaverId);
        JsonObject data = new JsonObject().put("groupId", groupId).put("userId", leaverId).put("group", GroupViews.group(doc));
        if (removedBy != null) {
          data.put("removedBy", removedBy);
        }
        Inbox.publish(bus, audience, EventTypes.GROUP_MEMBER_LEFT, data);
      });
  }

  /** After the group document is gone: its chat, its pending invitations, {@code users.groups}, and the event. */
  private Future<Void> afterDeleted(JsonObject doc) {
    String groupId = doc.getString("_id");
    List<String> members = GroupViews.ids(doc, "members");
    return Future.all(chats.deleteGroupChat(groupId), invitations.removePendingOfGroup(groupId),
        social.removeGroup(members, groupId))
      .onSuccess(v -> {
        log.info("group deleted groupId={}", groupId);
        Set<String> audience = new LinkedHashSet<>(members);
        audience.addAll(GroupViews.ids(doc, "invited"));
        Inbox.publish(bus, audience, EventTypes.GROUP_DELETED, new JsonObject().put("groupId", groupId).put("group", summary(doc)));
      })
      .mapEmpty();
  }

  // ---- helpers

  /**
   * A group chat that is already gone means the group was deleted meanwhile (e.g. the last two members left at once):
   * there is nothing left to keep in step, and the caller's own change did succeed.
   */
  private static Future<Void> unlessChatGone(Future<Void> chatChange) {
    return chatChange.recover(err -> Errors.is(err, ErrorCode.CHAT_NOT_FOUND) ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /** Tells the members the group changed, and answers its view. */
  private JsonObject announceUpdate(JsonObject doc) {
    JsonObject view = GroupViews.group(doc);
    Inbox.publish(bus, GroupViews.ids(doc, "members"), EventTypes.GROUP_UPDATED, view);
    return view;
  }

  private static JsonObject summary(JsonObject group) {
    return new JsonObject().put("id", group.getString("_id")).put("name", group.getString("name"))
      .put("chatId", group.getString("chatId"));
  }

  /** Why the caller may not act on this group: 404 no group, 403 not a member, 403 not an admin; null when they may. */
  private static <T> Future<T> refusal(String userId, JsonObject group, boolean needAdmin) {
    if (group == null) {
      return Errors.fail(ErrorCode.GROUP_NOT_FOUND, "No such group");
    }
    if (!GroupViews.ids(group, "members").contains(userId)) {
      return Errors.fail(ErrorCode.GROUP_NOT_MEMBER, "You are not a member of this group");
    }
    if (needAdmin && !GroupViews.ids(group, "admins").contains(userId)) {
      return Errors.fail(ErrorCode.GROUP_NOT_ADMIN, "Only admins can do this");
    }
    return null;
  }

  /** An admin update matched nothing: explain it (the group, membership, admin rights). */
  private <T> Future<T> whyNot(String userId, String groupId, boolean needAdmin) {
    return groups.byId(groupId).compose(group -> {
      Future<T> refusal = refusal(userId, group, needAdmin);
      return refusal != null ? refusal : Errors.fail(ErrorCode.GROUP_NOT_ADMIN, "The group changed meanwhile; try again");
    });
  }

  /** An admin update about another member matched nothing: the caller's rights, or that user is no member. */
  private <T> Future<T> whyNotForMember(String userId, String groupId) {
    return groups.byId(groupId).compose(group -> {
      Future<T> refusal = refusal(userId, group, true);
      return refusal != null ? refusal : Errors.fail(ErrorCode.GROUP_MEMBER_NOT_FOUND, "This user is not a member of the group");
    });
  }

  /** Joining or declining matched nothing: no group, already a member, or not invited. */
  private <T> Future<T> whyNotInvited(String userId, String groupId) {
    return groups.byId(groupId).compose(group -> {
      if (group == null) {
        return Errors.fail(ErrorCode.GROUP_NOT_FOUND, "No such group");
      }
      if (GroupViews.ids(group, "members").contains(userId)) {
        return Errors.fail(ErrorCode.GROUP_ALREADY_MEMBER, "You are already a member");
      }
      return Errors.fail(ErrorCode.GROUP_NOT_INVITED, "You have no invitation to this group");
    });
  }

  /** 404 user.not_found unless every id is an existing user. */
  private Future<Void> requireUsers(List<String> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return auth.getProfiles(userIds).compose(found -> found.size() == userIds.size()
      ? Future.succeededFuture()
      : Errors.fail(ErrorCode.USER_NOT_FOUND, "Some of these users do not exist"));
  }
}
