package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop the server and start it again on the same DATA_DIR (H2-backed embedded Mongo): accounts and keys survive. */
class RestartTest {

  @Test
  void accountsAndTokensSurviveARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("rtchat-restart");
    Map<String, String> settings = Map.of("DATA_DIR", dataDir.toString(), "MONGO_EMBEDDED_BACKEND", "file");
    TestUser june;
    try (TestStack first = TestStack.start(settings)) {
      june = first.users().create("june");
    }
    assertThat(dataDir.resolve("jwt.secret")).exists();
    try (TestStack second = TestStack.start(settings)) {
      // The access token still verifies: the generated key was kept under DATA_DIR.
      Response me = second.api().get("/users/me", june.accessToken());
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().getString("email")).isEqualTo(june.email());
      Response login = second.api().post("/auth/login", null,
        new JsonObject().put("email", june.email()).put("password", Users.PASSWORD));
      assertThat(login.status()).isEqualTo(200);
      assertThat(second.api().post("/auth/refresh", null, new JsonObject().put("refreshToken", june.refreshToken())).status())
        .isEqualTo(200);
    }
  }
}
