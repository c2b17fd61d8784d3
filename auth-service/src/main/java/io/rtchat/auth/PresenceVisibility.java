package io.rtchat.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Presence ({@code status}, {@code lastSeenAt}) is for the user, their friends and their chat partners; strangers see neither. */
final class PresenceVisibility {

  private PresenceVisibility() {
  }

  /** Whether the caller sees the user's presence without asking chat-service: themself or a friend. */
  static boolean seenWithoutChat(String callerId, JsonObject user) {
    return user.getString("_id").equals(callerId) || user.getJsonArray("friends", new JsonArray()).contains(callerId);
  }

  /** Whether the caller sees the user's presence, given the caller's chat partners. */
  static boolean seen(String callerId, JsonObject user, JsonArray chatPartners) {
    return seenWithoutChat(callerId, user) || chatPartners.contains(user.getString("_id"));
  }

  /** The public view, without presence unless the caller sees it. */
  static JsonObject apply(boolean sees, JsonObject view) {
    if (!sees) {
      view.remove("status");
      view.remove("lastSeenAt");
    }
    return view;
  }
}
