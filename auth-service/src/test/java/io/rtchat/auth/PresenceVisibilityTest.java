package io.rtchat.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceVisibilityTest {

  private static final String ANN = "a00000000000000000000001";
  private static final String BEN = "b00000000000000000000002";
  private static final String CAT = "c00000000000000000000003";
  private static final JsonArray NO_PARTNERS = new JsonArray();

  private static JsonObject ann() {
    return new JsonObject().put("_id", ANN).put("friends", new JsonArray().add(BEN));
  }

  @Test
  void usersSeeTheirOwnPresence() {
    assertThat(PresenceVisibility.seen(ANN, ann(), NO_PARTNERS)).isTrue();
  }

  @Test
  void friendsSeePresence() {
    assertThat(PresenceVisibility.seenWithoutChat(BEN, ann())).isTrue();
  }

  @Test
  void chatPartnersSeePresence() {
    assertThat(PresenceVisibility.seenWithoutChat(CAT, ann())).isFalse();
    assertThat(PresenceVisibility.seen(CAT, ann(), new JsonArray().add(ANN))).isTrue();
  }

  @Test
  void strangersSeeNoStatusAndNoLastSeen() {
    assertThat(PresenceVisibility.seen(CAT, ann(), new JsonArray().add(BEN))).isFalse();
    JsonObject view = new JsonObject().put("username", "ann").put("status", "online").put("lastSeenAt", "2026-01-01T10:00:00Z");
    assertThat(PresenceVisibility.apply(false, view.copy()).fieldNames()).containsExactly("username");
    assertThat(PresenceVisibility.apply(true, view.copy())).isEqualTo(view);
  }
}
