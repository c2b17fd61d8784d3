package io.rtchat.runtime;

import io.rtchat.common.Config;
import io.rtchat.common.SecretPolicy;
import io.rtchat.common.Setting;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StartupChecksTest {

  private static final String STRONG = "q8ZtV3xN1rLw0pYc7KfHj2sGdEa9UbMo4TiRnXyQeWkA5u";

  @Test
  void missingSettingsAreNamed() {
    List<String> problems = StartupChecks.problems(Config.fromMap(Map.of()), List.of(Setting.MONGO_URI, Setting.JWT_SECRET));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("MONGO_URI").contains("JWT_SECRET");
  }

  @Test
  void aDefaultValueDoesNotCountAsSet() {
    // S3_SECRET_KEY has a dev default; production must set its own
    List<String> problems = StartupChecks.problems(Config.fromMap(Map.of("S3_ENDPOINT", "https://s3.example")),
      List.of(Setting.S3_ENDPOINT, Setting.S3_SECRET_KEY));
    assertThat(problems).singleElement().asString().contains("S3_SECRET_KEY").doesNotContain("S3_ENDPOINT");
  }

  @Test
  void theOldManifestPlaceholderIsRefused() {
    List<String> problems = StartupChecks.problems(Config.fromMap(Map.of("JWT_SECRET",
      "change-me-to-at-least-32-random-bytes-base64")), List.of(Setting.JWT_SECRET));
    assertThat(problems).singleElement().asString().contains("placeholder");
  }

  @Test
  void weakSecretsAreRefusedAndARandomOneIsAccepted() {
    assertThat(SecretPolicy.jwtSecretProblem("short")).contains("32 bytes");
    assertThat(SecretPolicy.jwtSecretProblem("a".repeat(64))).contains("regular");
    assertThat(SecretPolicy.jwtSecretProblem("abababababababababababababababababab")).contains("regular");
    assertThat(SecretPolicy.jwtSecretProblem("my-super-secret-jwt-secret-for-production-use")).contains("placeholder");
    assertThat(SecretPolicy.jwtSecretProblem(STRONG)).isNull();
    assertThat(StartupChecks.problems(Config.fromMap(Map.of("JWT_SECRET", STRONG, "MONGO_URI", "mongodb://m")),
      List.of(Setting.MONGO_URI, Setting.JWT_SECRET))).isEmpty();
  }
}
