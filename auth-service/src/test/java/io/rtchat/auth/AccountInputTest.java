package io.rtchat.auth;

import io.rtchat.common.Input;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountInputTest {

  private static boolean nameAccepted(String name) {
    Input in = Input.of(new JsonObject());
    AccountInput.checkName(in, "firstName", name);
    return !in.invalid();
  }

  private static boolean usernameAccepted(String username) {
    Input in = Input.of(new JsonObject());
    AccountInput.checkUsername(in, username);
    return !in.invalid();
  }

  @Test
  void namesMayHoldLettersOfAnyScriptSpacesAndPunctuation() {
    assertThat(nameAccepted("Anne-Marie O'Neil")).isTrue();
    assertThat(nameAccepted("Zoë Åström")).isTrue();
    assertThat(nameAccepted("李雷")).isTrue();
  }

  @Test
  void namesMayNotHoldLineBreaksTabsOrInvisibleFormatting() {
    assertThat(nameAccepted("Ann\nSubject: hi")).isFalse();
    assertThat(nameAccepted("Ann\r")).isFalse();
    assertThat(nameAccepted("Ann\tB")).isFalse();
    assertThat(nameAccepted("Ann\u0000")).isFalse();
    assertThat(nameAccepted("Ann\u202Eevil")).isFalse(); // right-to-left override
    assertThat(nameAccepted("Ann\u2028B")).isFalse(); // line separator
  }

  @Test
  void namesMayNotBeOrHoldCharactersThatShowAsNothing() {
    assertThat(nameAccepted("\u3164")).isFalse(); // Hangul filler: a name that looks empty
    assertThat(nameAccepted("Ann\u115F")).isFalse();
    assertThat(nameAccepted("Ann\u1160")).isFalse();
    assertThat(nameAccepted("Ann\uFFA0")).isFalse();
    assertThat(nameAccepted("\u2800")).isFalse(); // blank Braille pattern
    assertThat(nameAccepted("An\u200Bn")).isFalse(); // zero-width space
    assertThat(nameAccepted("Ann\u2066B")).isFalse(); // left-to-right isolate
    assertThat(nameAccepted("\uFE0FAnn")).isFalse(); // a variation selector with nothing to select
    assertThat(nameAccepted("Ann \u2764\uFE0F")).isTrue(); // an emoji with its presentation selector is visible
  }

  @Test
  void usernamesHoldOnlyLettersDigitsUnderscoresAndDots() {
    assertThat(usernameAccepted("ann_b.2")).isTrue();
    assertThat(usernameAccepted("ann b")).isFalse();
    assertThat(usernameAccepted("ann@b")).isFalse();
    assertThat(usernameAccepted("zoë")).isFalse();
    assertThat(usernameAccepted("ann\u202Eb")).isFalse();
    assertThat(usernameAccepted("ann\u3164")).isFalse();
  }

  @Test
  void usernamesAreUniqueRegardlessOfCase() {
    assertThat(AccountInput.usernameKey("Ann_B")).isEqualTo(AccountInput.usernameKey("ann_b"));
  }

  @Test
  void theConfirmationMustEqualThePassword() {
    Input in = Input.of(new JsonObject());
    AccountInput.checkConfirmation(in, "correct horse", "correct hose");
    assertThat(in.invalid()).isTrue();
    Input ok = Input.of(new JsonObject());
    AccountInput.checkConfirmation(ok, "correct horse", "correct horse");
    assertThat(ok.invalid()).isFalse();
  }
}
