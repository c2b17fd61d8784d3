package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;

/** Waits for a user's profile to show a presence status, as another user (or they themselves) would see it. */
final class Presence {

  private Presence() {
  }

  static JsonObject awaitStatus(ApiClient api, TestUser viewer, String userId, String status) {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject profile = null;
    while (System.currentTimeMillis() < deadline) {
      profile = api.get("/users/" + userId, viewer.accessToken()).json();
      if (profile != null && status.equals(profile.getString("status"))) {
        return profile;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("user " + userId + " never became " + status + "; last profile " + profile);
  }
}
