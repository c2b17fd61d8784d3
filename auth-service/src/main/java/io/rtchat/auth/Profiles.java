package io.rtchat.auth;

import io.rtchat.api.ChatService;
import io.rtchat.api.MediaService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Profiles: one's own (read and change), other people's (with presence only for those who may see it), search and
 * the stranger list, and what other services ask (profiles by id, the token version, a user's mail contact).
 */
class Profiles {

  private final UserStore users;
  private final MediaService media;
  private final ChatService chats;
  private final AuthEvents events;

  Profiles(UserStore users, MediaService media, ChatService chats, AuthEvents events) {
    this.users = users;
    this.media = media;
    this.chats = chats;
    this.events = events;
  }

  Future<JsonObject> me(String userId) {
    return users.byId(userId).compose(Profiles::found).map(UserViews::selfView);
  }

  /** A replaced or removed avatar is released: media-service reclaims it (once it checks nobody uses it). */
  Future<JsonObject> updateMe(String userId, JsonObject body) {
    return ProfilePatch.read(body).compose(patch -> usernameFree(userId, patch)
      .compose(v -> patch.touchesAvatar() ? users.byId(userId).map(Profiles::avatarOf) : Future.succeededFuture(null))
      .compose(previousAvatar -> avatarFields(userId, patch)
        .compose(avatar -> {
          JsonObject set = patch.set().copy().mergeIn(avatar);
          return set.isEmpty() ? users.byId(userId) : users.updateProfile(userId, set);
        })
        .onSuccess(updated -> {
          if (previousAvatar != null && updated != null && !previousAvatar.equals(avatarOf(updated))) {
            events.avatarReleased(previousAvatar);
          }
        }))
      .recover(err -> Mongo.isDuplicateKey(err)
        ? Errors.fail(ErrorCode.USERNAME_TAKEN, "This username is taken")
        : Future.failedFuture(err))
      .compose(Profiles::found)
      .map(UserViews::selfView));
  }

  private static String avatarOf(JsonObject user) {
    return user == null ? null : user.getString("avatarMediaId");
  }

  /** Which of these media ids are some user's current avatar; malformed ids are nobody's. */
  Future<List<String>> avatarsInUse(List<String> mediaIds) {
    List<String> ids = mediaIds == null ? List.of() : mediaIds.stream().filter(Ids::isValid).distinct().toList();
    return ids.isEmpty() ? Future.succeededFuture(List.of()) : users.avatarsAmong(ids);
  }

  private Future<Void> usernameFree(String userId, ProfilePatch patch) {
    return patch.usernameKey() == null ? Future.succeededFuture() : users.usernameTaken(patch.usernameKey(), userId)
      .compose(taken -> taken ? Errors.fail(ErrorCode.USERNAME_TAKEN, "This username is taken") : Future.succeededFuture());
  }

  /** A ready avatar upload of the user (media-service checks) sets it and its stable {@code avatarUrl}; null removes it. */
  private Future<JsonObject> avatarFields(String userId, ProfilePatch patch) {
    if (!patch.touchesAvatar()) {
      return Future.succeededFuture(new JsonObject());
    }
    if (patch.avatarMediaId() == null) {
      return Future.succeededFuture(new JsonObject().putNull("avatarMediaId").putNull("avatarUrl"));
    }
    return media.avatarFor(userId, patch.avatarMediaId()).map(avatar -> new JsonObject()
      .put("avatarMediaId", patch.avatarMediaId()).put("avatarUrl", avatar.getString("url")));
  }

  Future<JsonObject> profile(String callerId, String userId) {
    return Input.checkId("userId", userId)
      .compose(v -> users.byId(userId))
      .compose(Profiles::found)
      .compose(user -> seesPresenceOf(callerId, user)
        .map(sees -> PresenceVisibility.apply(sees, UserViews.publicView(user))));
  }

  /** Asks chat-service only when the caller is neither the user nor a friend. */
  private Future<Boolean> seesPresenceOf(String callerId, JsonObject user) {
    if (PresenceVisibility.seenWithoutChat(callerId, user)) {
      return Future.succeededFuture(true);
    }
    return chats.chatPartnerIds(callerId).map(partners -> PresenceVisibility.seen(callerId, user, partners));
  }

  Future<JsonObject> search(String callerId, String query, int limit) {
    Input in = Input.of(new JsonObject().put("q", query));
    String q = in.requiredString("q", 1, 100);
    if (in.invalid()) {
      return in.failure();
    }
    int size = Paging.limit(limit);
    return users.search(q, callerId, size).compose(found -> chats.chatPartnerIds(callerId).map(partners ->
      Paging.page(found.stream()
        .map(user -> PresenceVisibility.apply(PresenceVisibility.seen(callerId, user, partners), UserViews.publicView(user)))
        .toList(), size)));
  }

  Future<JsonArray> byIds(List<String> userIds) {
    List<String> valid = userIds == null ? List.of() : userIds.stream().filter(Ids::isValid).distinct().toList();
    if (valid.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    return users.byIds(valid).map(found -> new JsonArray(found.stream().map(UserViews::publicView).toList()));
  }

  /** The people who are not the caller's friends: strangers see no presence (even a chat partner's shows elsewhere). */
  Future<JsonObject> strangers(List<String> excludedIds, String after, int limit) {
    Future<Void> cursor = after == null ? Future.succeededFuture() : Input.checkId("after", after);
    int size = Paging.limit(limit);
    List<String> excluded = excludedIds == null ? List.of() : excludedIds;
    return cursor.compose(v -> users.verifiedExcept(excluded, after, size))
      .map(found -> Paging.page(found.stream().map(user -> PresenceVisibility.apply(false, UserViews.publicView(user))).toList(), size));
  }

  Future<Integer> tokenVersion(String userId) {
    return users.byId(userId).compose(user -> user == null
      ? Errors.fail(ErrorCode.TOKEN_INVALID, "The account no longer exists")
      : Future.succeededFuture(user.getInteger("tokenVersion", 0)));
  }

  Future<JsonObject> contact(String userId) {
    return Input.checkId("userId", userId)
      .compose(v -> users.byId(userId))
      .compose(Profiles::found)
      .map(user -> new JsonObject().put("email", user.getString("email")).put("firstName", user.getString("firstName")));
  }

  private static Future<JsonObject> found(JsonObject user) {
    return user == null ? Errors.fail(ErrorCode.USER_NOT_FOUND, "No such user") : Future.succeededFuture(user);
  }
}
