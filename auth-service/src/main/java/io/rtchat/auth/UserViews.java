package io.rtchat.auth;

import io.rtchat.common.DocumentView;
import io.vertx.core.json.JsonObject;

/**
 * What leaves the service of a user document. Built from an allow-list of fields (the shared {@link DocumentView}),
 * so a new stored field (a hash, a token) can never leak by accident.
 */
final class UserViews {

  private UserViews() {
  }

  static JsonObject publicView(JsonObject user) {
    return DocumentView.of(user, "firstName", "lastName", "username", "avatarUrl", "about", "status", "lastSeenAt",
        "emailVerified", "createdAt")
      .put("about", user.getString("about", ""))
      .put("status", user.getString("status", "offline"))
      .put("emailVerified", user.getBoolean("emailVerified", false));
  }

  static JsonObject selfView(JsonObject user) {
    return publicView(user).mergeIn(DocumentView.of(user, "email", "avatarMediaId", "updatedAt"));
  }
}
