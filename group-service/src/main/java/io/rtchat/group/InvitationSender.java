package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records a pending invitation for each invitee of a group and tells those newly invited (live, and through the
 * internal event that makes their notification). Shared by creating a group and inviting to one.
 */
class InvitationSender {

  private final AuthService auth;
  private final InvitationStore invitations;
  private final GroupEvents events;

  InvitationSender(AuthService auth, InvitationStore invitations, GroupEvents events) {
    this.auth = auth;
    this.invitations = invitations;
    this.events = events;
  }

  /** 404 user.not_found unless every id is an existing user. */
  Future<Void> requireUsers(List<String> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return auth.getProfiles(userIds).compose(found -> found.size() == userIds.size()
      ? Future.succeededFuture()
      : Errors.fail(ErrorCode.USER_NOT_FOUND, "Some of these users do not exist"));
  }

  /** An invitee who already has a pending invitation (the unique key says so) is not told twice. */
  Future<Void> invite(String senderId, JsonObject group, List<String> invitees) {
    String groupId = group.getString("_id");
    List<Future<JsonObject>> inserts = invitees.stream()
      .map(invitee -> invitations.insertGroupInvitation(senderId, invitee, groupId, group.getString("name"))
        .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture(null) : Future.failedFuture(err)))
      .toList();
    return Future.all(inserts).compose(all -> {
      List<JsonObject> fresh = inserts.stream().map(Future::result).filter(Objects::nonNull)
        .map(GroupViews::invitation).toList();
      return GroupViews.withProfiles(auth, new ArrayList<>(fresh));
    }).map(views -> {
      for (JsonObject view : views) {
        view.put("group", GroupViews.summary(group));
        events.invited(view);
      }
      events.invitationsMade(senderId, group, views.stream().map(view -> view.getString("receiver")).toList());
      return null;
    });
  }
}
