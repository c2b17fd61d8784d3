package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** What can be asked about friendships: are two users friends, my friends, my pending requests, suggestions. */
class FriendQueries {

  private final AuthService auth;
  private final InvitationStore invitations;
  private final SocialStore social;

  FriendQueries(AuthService auth, InvitationStore invitations, SocialStore social) {
    this.auth = auth;
    this.invitations = invitations;
    this.social = social;
  }

  Future<Boolean> areFriends(String userId, String otherUserId) {
    if (!Ids.isValid(userId) || !Ids.isValid(otherUserId)) {
      return Future.succeededFuture(false);
    }
    return social.areFriends(userId, otherUserId);
  }

  Future<JsonArray> friendIds(String userId) {
    if (!Ids.isValid(userId)) {
      return Future.succeededFuture(new JsonArray());
    }
    return social.friendsOf(userId).map(ids -> ids == null ? new JsonArray() : new JsonArray(ids));
  }

  Future<JsonObject> requests(String userId, String direction, PageQuery query) {
    String dir = direction == null || direction.isBlank() ? "incoming" : direction;
    if (!dir.equals("incoming") && !dir.equals("outgoing")) {
      return Errors.fail(ErrorCode.VALIDATION, "direction must be incoming or outgoing",
        new JsonObject().put("direction", "must be incoming or outgoing"));
    }
    return query.checked()
      .compose(page -> invitations.pendingFriendRequests(userId, dir.equals("incoming"), page.before(), page.limit()))
      .compose(docs -> GroupViews.withProfiles(auth, docs.stream().map(GroupViews::invitation).toList()))
      .map(query::page);
  }

  /** My friends' public profiles by id; the window is cut from my {@code friends} ids before asking auth-service. */
  Future<JsonObject> friends(String userId, PageQuery query) {
    String after = query.after();
    return query.checked()
      .compose(page -> social.friendsOf(userId))
      .compose(ids -> {
        List<String> window = (ids == null ? List.<String>of() : ids).stream()
          .filter(id -> after == null || id.compareTo(after) > 0)
          .sorted()
          .limit(query.fetchSize())
          .toList();
        return auth.getProfiles(window).map(profiles -> {
          List<JsonObject> items = new ArrayList<>();
          profiles.forEach(p -> items.add((JsonObject) p));
          items.sort((a, b) -> a.getString("id").compareTo(b.getString("id")));
          return query.page(items);
        });
      });
  }

  /** Verified users who are neither me nor my friends; auth-service owns the profiles, so it pages them. */
  Future<JsonObject> nonFriends(String userId, PageQuery query) {
    return query.checked()
      .compose(page -> social.friendsOf(userId))
      .compose(ids -> {
        List<String> excluded = new ArrayList<>(ids == null ? List.of() : ids);
        excluded.add(userId);
        return auth.listProfilesExcept(excluded, query.after(), query.limit());
      });
  }
}
