package io.rtchat.auth;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonObject;

/**
 * What leaves the service of a user document. Built field by field from an allow-list, so a new stored field
 * (a hash, a token) can never leak by accident.
 */
final class UserViews {

  private UserViews() {
  }

  static JsonObject publicView(JsonObject user) {
    return new JsonObject()
      .put("id", user.getString("_id"))
      .put("firstName", user.getString("firstName"))
      .put("lastName", user.getString("lastName"))
      .put("username", user.getString("username"))
      .put("avatarUrl", user.getString("avatarUrl"))
      .put("about", user.getString("about", ""))
      .put("status", user.getString("status", "offline"))
      .put("lastSeenAt", Dates.iso(user.getValue("lastSeenAt")))
      .put("emailVerified", user.getBoolean("emailVerified", false))
      .put("createdAt", Dates.iso(user.getValue("createdAt")));
  }

  static JsonObject selfView(JsonObject user) {
    return publicView(user)
      .put("email", user.getString("email"))
      .put("avatarMediaId", user.getString("avatarMediaId"))
      .put("updatedAt", Dates.iso(user.getValue("updatedAt")));
  }
}
