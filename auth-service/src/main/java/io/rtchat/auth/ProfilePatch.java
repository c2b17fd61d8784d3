package io.rtchat.auth;

import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * A checked change to one's own profile: which fields it sets, whether it renames, and what it does to the avatar
 * ({@code avatarMediaId} absent: nothing; null: remove; an id: media-service must confirm a ready avatar upload).
 */
record ProfilePatch(JsonObject set, String usernameKey, boolean touchesAvatar, String avatarMediaId) {

  private static final Set<String> PATCHABLE = Set.of("firstName", "lastName", "username", "about", "avatarMediaId");

  /** The patch, or the validation failure naming every bad field. */
  static Future<ProfilePatch> read(JsonObject patch) {
    Input in = Input.of(patch);
    for (String field : patch == null ? Set.<String>of() : patch.fieldNames()) {
      if (!PATCHABLE.contains(field)) {
        in.problem(field, "cannot be changed here");
      }
    }
    String firstName = in.optionalString("firstName", 1, 50);
    String lastName = in.optionalString("lastName", 1, 50);
    String username = in.optionalString("username", 3, 32);
    // a blank about clears it (optionalString would refuse it as too short)
    String about = patch != null && patch.getValue("about") instanceof String s && s.isBlank() ? "" : in.optionalString("about", 0, 500);
    AccountInput.checkUsername(in, username);
    String avatarMediaId = in.optionalId("avatarMediaId");
    AccountInput.checkName(in, "firstName", firstName);
    AccountInput.checkName(in, "lastName", lastName);
    if (in.invalid()) {
      return in.failure();
    }
    JsonObject set = new JsonObject();
    if (firstName != null) {
      set.put("firstName", firstName);
    }
    if (lastName != null) {
      set.put("lastName", lastName);
    }
    if (about != null) {
      set.put("about", about);
    }
    String usernameKey = null;
    if (username != null) {
      usernameKey = AccountInput.usernameKey(username);
      set.put("username", username).put("usernameKey", usernameKey);
    }
    return Future.succeededFuture(new ProfilePatch(set, usernameKey,
      patch != null && patch.containsKey("avatarMediaId"), avatarMediaId));
  }
}
