package io.rtchat.auth;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilePatchTest {

  private static ProfilePatch read(JsonObject body) {
    Future<ProfilePatch> patch = ProfilePatch.read(body);
    assertThat(patch.succeeded()).as("patch accepted: %s", patch.cause()).isTrue();
    return patch.result();
  }

  private static JsonObject problems(JsonObject body) {
    Future<ProfilePatch> patch = ProfilePatch.read(body);
    assertThat(patch.failed()).isTrue();
    Errors.ClientError error = Errors.toClientError(patch.cause());
    assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION);
    return error.fields();
  }

  @Test
  void fieldsOutsideTheProfileCannotBeChangedHere() {
    assertThat(problems(new JsonObject().put("email", "x@y.z").put("tokenVersion", 0)).fieldNames())
      .containsExactlyInAnyOrder("email", "tokenVersion");
  }

  @Test
  void aNewUsernameAlsoSetsItsCaseFreeKey() {
    ProfilePatch patch = read(new JsonObject().put("username", "Ann_B"));
    assertThat(patch.set().getString("username")).isEqualTo("Ann_B");
    assertThat(patch.set().getString("usernameKey")).isEqualTo("ann_b");
    assertThat(patch.usernameKey()).isEqualTo("ann_b");
  }

  @Test
  void aBlankAboutClearsIt() {
    assertThat(read(new JsonObject().put("about", "   ")).set().getString("about")).isEmpty();
  }

  @Test
  void namesWithLineBreaksAreRefused() {
    assertThat(problems(new JsonObject().put("firstName", "Ann\nB")).fieldNames()).containsExactly("firstName");
  }

  @Test
  void anAbsentAvatarIsLeftAloneANullOneRemoved() {
    assertThat(read(new JsonObject().put("about", "hi")).touchesAvatar()).isFalse();
    ProfilePatch removal = read(new JsonObject().putNull("avatarMediaId"));
    assertThat(removal.touchesAvatar()).isTrue();
    assertThat(removal.avatarMediaId()).isNull();
    assertThat(read(new JsonObject().put("avatarMediaId", "a00000000000000000000001")).avatarMediaId())
      .isEqualTo("a00000000000000000000001");
  }

  @Test
  void anEmptyPatchChangesNothing() {
    assertThat(read(new JsonObject()).set().isEmpty()).isTrue();
  }
}
