package io.rtchat.standalone;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.rtchat.common.Setting;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB goes away while the server runs: requests that need it answer 503 {@code service.unavailable} within the
 * configured wait (never 500, never a hang), and once the same database is back the server serves again, with no
 * restart. The database is a MongoDB wire server the test stops and starts on the same port and file.
 */
class MongoOutageTest {

  static Path dbFile;
  static int port;
  static MongoServer mongo;
  static TestStack stack;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    dbFile = Files.createTempDirectory("rtchat-outage").resolve("db.mv");
    port = TestStack.freePort();
    mongo = startMongo();
    stack = TestStack.start(Map.of(
      Setting.MONGO_URI.name(), "mongodb://127.0.0.1:" + port,
      Setting.JWT_SECRET.name(), "an outage test secret long enough for HS256 signing",
      Setting.MONGO_TIMEOUT_MILLIS.name(), "1500"));
    api = stack.api();
  }

  static MongoServer startMongo() {
    MongoServer server = new MongoServer(new H2Backend(dbFile.toString()));
    server.bind("127.0.0.1", port);
    return server;
  }

  @AfterAll
  static void stop() {
    stack.close();
    mongo.shutdownNow();
  }

  @Test
  void mongoDownAnswers503WithACodeAndTheServerRecoversWhenItIsBack() throws Exception {
    TestUser una = stack.users().create("una");
    assertThat(api.get("/users/me", una.accessToken()).status()).isEqualTo(200);

    mongo.shutdownNow();
    long start = System.currentTimeMillis();
    Response down = api.get("/users/me", una.accessToken());
    long waited = System.currentTimeMillis() - start;
    assertThat(down.status()).as(down.toString()).isEqualTo(503);
    assertThat(down.errorCode()).isEqualTo("service.unavailable");
    assertThat(waited).as("answered within the configured wait, not the driver's 30 s").isLessThan(15_000);
    Response login = api.post("/auth/login", null, new JsonObject().put("email", una.email()).put("password", Users.PASSWORD));
    assertThat(login.status()).as(login.toString()).isEqualTo(503);
    assertThat(stack.management().get("/ready", null).status()).isEqualTo(503);

    mongo = startMongo();
    long deadline = System.currentTimeMillis() + 60_000;
    Response back = api.get("/users/me", una.accessToken());
    while (back.status() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      back = api.get("/users/me", una.accessToken());
    }
    assertThat(back.status()).as("after MongoDB is back: %s", back).isEqualTo(200);
    assertThat(back.json().getString("id")).isEqualTo(una.id());
    assertThat(api.post("/auth/login", null, new JsonObject().put("email", una.email()).put("password", Users.PASSWORD)).status())
      .isEqualTo(200);
  }
}
