package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, finding 6: a refresh racing a logout or a password reset must not leave a live login, and a gateway
 * started after a logout must refuse that login's access tokens. The races are real: each login is refreshed in a
 * tight loop (each refresh rotates the token) while the logout or reset runs, many times over.
 */
class SessionRevocationTest {

  private static final int ROUNDS = 8;
  private static final int LOGINS = 3;
  /** Far more refreshes than a loop needs to notice its end: a loop that reaches it outlived the end. */
  private static final int MAX_REFRESHES = 150;

  static TestStack stack;
  static ApiClient api;
  static Users users;

  @BeforeAll
  static void start() {
    stack = TestStack.start(Map.of(
      "MAIL_PER_ADDRESS_SECONDS", "0",
      "RATE_ACCOUNT_ROUTES_PER_MINUTE", "100000",
      "RATE_ACCOUNT_ROUTES_BURST", "100000"));
    api = stack.api();
    users = stack.users();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** One login refreshed over and over until a refresh is refused; holds its latest token pair. */
  private static final class RefreshLoop extends Thread {
    volatile String accessToken;
    volatile String refreshToken;
    volatile int refreshes;
    volatile boolean refused;

    RefreshLoop(JsonObject session) {
      accessToken = session.getString("accessToken");
      refreshToken = session.getString("refreshToken");
    }

    @Override
    public void run() {
      while (refreshes < MAX_REFRESHES) {
        Response r = api.post("/auth/refresh", null, new JsonObject().put("refreshToken", refreshToken));
        if (r.status() != 200) {
          assertThat(r.errorCode()).as("refused refresh %s", r).isEqualTo("auth.refresh_invalid");
          refused = true;
          return;
        }
        accessToken = r.json().getString("accessToken");
        refreshToken = r.json().getString("refreshToken");
        refreshes++;
      }
    }
  }

  private static JsonObject login(TestUser user, String password) {
    Response login = api.post("/auth/login", null, new JsonObject().put("email", user.email()).put("password", password));
    assertThat(login.status()).as("login %s", login).isEqualTo(200);
    return login.json();
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 40));
  }

  /** Every loop stopped because a refresh was refused, and its latest tokens no longer work. */
  private static void assertEnded(List<RefreshLoop> loops, int round) throws InterruptedException {
    for (RefreshLoop loop : loops) {
      loop.join(60_000);
      assertThat(loop.refused).as("round %d: a refresh loop was refused after the end (it refreshed %d times)", round, loop.refreshes)
        .isTrue();
      assertThat(api.post("/auth/refresh", null, new JsonObject().put("refreshToken", loop.refreshToken)).status())
        .as("round %d: the latest refresh token", round).isEqualTo(401);
      assertThat(awaitStatus("/users/me", loop.accessToken, 401)).as("round %d: the latest access token", round).isEqualTo(401);
    }
  }

  private static int awaitStatus(String path, String token, int expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    int status;
    do {
      status = api.get(path, token).status();
      if (status == expected) {
        return status;
      }
      Thread.sleep(50);
    } while (System.currentTimeMillis() < deadline);
    return status;
  }

  @Test
  void aRefreshRacingALogoutNeverOutlivesIt() throws Exception {
    TestUser ada = users.create("ada");
    for (int round = 0; round < ROUNDS; round++) {
      List<RefreshLoop> loops = new ArrayList<>();
      List<JsonObject> sessions = new ArrayList<>();
      for (int i = 0; i < LOGINS; i++) {
        JsonObject session = login(ada, Users.PASSWORD);
        sessions.add(session);
        loops.add(new RefreshLoop(session));
      }
      loops.forEach(Thread::start);
      pause();
      for (JsonObject session : sessions) {
        // the first refresh token of the login: used by now, still names the login
        Response out = api.post("/auth/logout", ada.accessToken(),
          new JsonObject().put("refreshToken", session.getString("refreshToken")));
        assertThat(out.status()).isEqualTo(204);
      }
      assertEnded(loops, round);
    }
    assertThat(api.get("/users/me", ada.accessToken()).status()).as("the login that was not ended").isEqualTo(200);
  }

  @Test
  void aRefreshRacingAPasswordResetNeverOutlivesIt() throws Exception {
    TestUser bo = users.create("bo");
    String password = Users.PASSWORD;
    for (int round = 0; round < ROUNDS; round++) {
      assertThat(api.post("/auth/forgot-password", null, new JsonObject().put("email", bo.email())).status()).isEqualTo(202);
      String mail = users.awaitMailBody(bo.email(), round + 2); // the first mail was the verification code
      String resetToken = mail.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
      List<RefreshLoop> loops = new ArrayList<>();
      for (int i = 0; i < LOGINS; i++) {
        loops.add(new RefreshLoop(login(bo, password)));
      }
      loops.forEach(Thread::start);
      pause();
      String next = "new password number " + round;
      Response reset = api.post("/auth/reset-password", null,
        new JsonObject().put("token", resetToken).put("password", next).put("passwordConfirm", next));
      assertThat(reset.status()).as("reset %s", reset).isEqualTo(200);
      password = next;
      assertEnded(loops, round);
    }
    login(bo, password);
  }

  @Test
  void aGatewayStartedAfterALogoutRefusesThatLoginsAccessTokens() throws Exception {
    Path dataDir = Files.createTempDirectory("rtchat-ended");
    Map<String, String> settings = Map.of("DATA_DIR", dataDir.toString(), "MONGO_EMBEDDED_BACKEND", "file");
    TestUser cy;
    JsonObject laptop;
    try (TestStack first = TestStack.start(settings)) {
      cy = first.users().create("cy");
      Response login = first.api().post("/auth/login", null,
        new JsonObject().put("email", cy.email()).put("password", Users.PASSWORD));
      laptop = login.json();
      assertThat(first.api().post("/auth/logout", laptop.getString("accessToken"),
        new JsonObject().put("refreshToken", laptop.getString("refreshToken"))).status()).isEqualTo(204);
      assertThat(first.api().get("/users/me", laptop.getString("accessToken")).status()).isEqualTo(401);
    }
    try (TestStack second = TestStack.start(settings)) {
      Response ended = second.api().get("/users/me", laptop.getString("accessToken"));
      assertThat(ended.status()).as("the ended login's access token on a new gateway: %s", ended).isEqualTo(401);
      assertThat(ended.errorCode()).isEqualTo("auth.token_invalid");
      assertThat(second.api().get("/users/me", cy.accessToken()).status()).as("the other login").isEqualTo(200);
    }
  }
}
