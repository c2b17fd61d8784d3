package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account attacks of the hardening issue, each through the real stack: racing the login limit, locking someone
 * else's account, telling registered addresses apart, guessing codes across resends, using a login after logout,
 * and reading the key file.
 */
class AuthHardeningTest {

  static TestStack stack;
  static ApiClient api;
  static Users users;

  @BeforeAll
  static void start() {
    stack = TestStack.start(Map.of(
      "LOGIN_MAX_FAILURES_PER_ACCOUNT", "5",
      "LOGIN_MAX_FAILURES_PER_IP", "1000",
      "LOGIN_BACKOFF_BASE_SECONDS", "30",
      "OTP_RESEND_SECONDS", "1",
      "OTP_MAX_ATTEMPTS", "3",
      "OTP_MAX_TOTAL_ATTEMPTS", "5"));
    api = stack.api();
    users = stack.users();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static JsonObject credentials(String email, String password) {
    return new JsonObject().put("email", email).put("password", password);
  }

  @Test
  void concurrentWrongPasswordsCannotOutrunTheLoginLimit() {
    TestUser gus = users.create("gus");
    // one connection per request: the default pool (5 connections) would queue them and hide the race
    WebClient client = WebClient.create(stack.vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(30));
    try {
      List<Future<HttpResponse<Buffer>>> sent = IntStream.range(0, 30).mapToObj(i -> client
          .post(stack.port, "127.0.0.1", "/api/v1/auth/login")
          .sendJsonObject(credentials(gus.email(), "wrong password " + i)))
        .toList();
      Future.join(sent).await();
      List<HttpResponse<Buffer>> answers = sent.stream().map(Future::result).toList();
      long checked = answers.stream().filter(r -> r.statusCode() == 401).count();
      List<HttpResponse<Buffer>> throttled = answers.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(checked).as("passwords checked").isLessThanOrEqualTo(5);
      assertThat(checked + throttled.size()).isEqualTo(30);
      assertThat(throttled).allSatisfy(r -> {
        assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("auth.login_throttled");
      });
    } finally {
      client.close();
    }
  }

  @Test
  void registeringATakenEmailAnswersLikeANewAccountAndOnlyTheOwnerLearnsOfIt() {
    TestUser hal = users.create("hal");
    Response fresh = api.post("/auth/register", null, users.registrationBody(Users.unique("halfresh")));
    Response taken = api.post("/auth/register", null, users.registrationBody(Users.unique("halcopy")).put("email", hal.email()));
    assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(201);
    assertThat(taken.json().fieldNames()).isEqualTo(fresh.json().fieldNames());
    assertThat(taken.json().getString("email")).isEqualTo(hal.email());
    String notice = users.awaitMailBody(hal.email(), 2);
    assertThat(notice).contains("already has one").doesNotContainPattern("\\b\\d{6}\\b");
    // the account is untouched: the owner's password still works, the intruder's does not
    assertThat(api.post("/auth/login", null, credentials(hal.email(), Users.PASSWORD)).status()).isEqualTo(200);
    assertThat(api.post("/auth/login", null, credentials(hal.email(), "intruder password")).status()).isEqualTo(401);
  }

  @Test
  void forgotPasswordTakesNoLongerForAKnownAddress() {
    List<String> known = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String name = Users.unique("ivy");
      assertThat(api.post("/auth/register", null, users.registrationBody(name)).status()).isEqualTo(201);
      known.add(name + "@example.test");
    }
    long knownNanos = 0;
    long unknownNanos = 0;
    for (int round = 0; round < 4; round++) {
      long t0 = System.nanoTime();
      assertThat(api.post("/auth/forgot-password", null, new JsonObject().put("email", known.get(round))).status()).isEqualTo(202);
      long t1 = System.nanoTime();
      assertThat(api.post("/auth/forgot-password", null, new JsonObject().put("email", Users.unique("nobody") + "@example.test")).status()).isEqualTo(202);
      long t2 = System.nanoTime();
      knownNanos += t1 - t0;
      unknownNanos += t2 - t1;
    }
    // before the fix a known address cost the lookup, the token write and the SMTP delivery: about 4x
    assertThat(knownNanos).isLessThan(unknownNanos * 2 + 20_000_000L);
    for (String email : known) {
      assertThat(users.awaitMailBody(email, 2)).contains("token=");
    }
  }

  @Test
  void repeatedResetRequestsForOneAddressMailItOnce() {
    TestUser uma = users.create("uma"); // its first mail: the verification code
    for (int i = 0; i < 5; i++) {
      assertThat(api.post("/auth/forgot-password", null, new JsonObject().put("email", uma.email())).status()).isEqualTo(202);
    }
    assertThat(users.awaitMailBody(uma.email(), 2)).contains("token=");
    // the mails are sent after the answers: give any further ones time to arrive
    stack.vertx.timer(1_500).await();
    assertThat(users.mailCount(uma.email())).as("mails to the address").isEqualTo(2);
  }

  @Test
  void codeGuessesAreCappedAcrossResends() {
    String name = Users.unique("jay");
    String email = name + "@example.test";
    api.post("/auth/register", null, users.registrationBody(name));
    users.awaitOtp(email);
    for (int i = 0; i < 3; i++) {
      api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", "000000"));
    }
    stack.vertx.timer(1_200).await();
    assertThat(api.post("/auth/send-otp", null, new JsonObject().put("email", email)).status()).isEqualTo(202);
    String second = Users.otpIn(users.awaitMailBody(email, 2));
    for (int i = 0; i < 2; i++) {
      api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", second.equals("000000") ? "111111" : "000000"));
    }
    Response locked = api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", second));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.errorCode()).isEqualTo("auth.otp_locked");
  }

  @Test
  void logoutEndsThatLoginsAccessTokenAndSocketsButNotTheOthers() {
    TestUser kim = users.create("kim");
    JsonObject laptop = api.post("/auth/login", null, credentials(kim.email(), Users.PASSWORD)).json();
    try (BridgeClient phoneSocket = stack.bridge(); BridgeClient laptopSocket = stack.bridge()) {
      phoneSocket.register(Addresses.inbox(kim.id()), kim.accessToken());
      laptopSocket.register(Addresses.inbox(kim.id()), laptop.getString("accessToken"));
      stack.vertx.timer(300).await();
      Response out = api.post("/auth/logout", laptop.getString("accessToken"),
        new JsonObject().put("refreshToken", laptop.getString("refreshToken")));
      assertThat(out.status()).isEqualTo(204);
      awaitClosed(laptopSocket, 5_000);
      assertThat(api.get("/users/me", laptop.getString("accessToken")).status()).isEqualTo(401);
      assertThat(api.get("/users/me", kim.accessToken()).status()).isEqualTo(200);
      assertThat(phoneSocket.isClosed()).isFalse();
    }
  }

  @Test
  void theGeneratedKeyAndTheDataDirectoryAreOwnerOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.dataDir.resolve("jwt.secret"))))
      .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.dataDir))).isEqualTo("rwx------");
  }

  @Test
  void namesWithLineBreaksAreRefusedAndNeverReachAMail() {
    Response reg = api.post("/auth/register", null, users.registrationBody(Users.unique("lee"))
      .put("firstName", "Lee\nSubject: your account is suspended"));
    assertThat(reg.status()).isEqualTo(400);
    assertThat(reg.json().getJsonObject("error").getJsonObject("fields").getString("firstName")).contains("control");
    TestUser lee = users.create("lee");
    Response patch = api.patch("/users/me", lee.accessToken(), new JsonObject().put("lastName", "L\u202Eee"));
    assertThat(patch.status()).isEqualTo(400);
  }

  @Test
  void presenceIsShownToFriendsAndNotToStrangers() {
    TestUser mo = users.create("mo");
    TestUser ned = users.create("ned");
    TestUser oz = users.create("oz");
    users.befriend(mo, ned);
    JsonObject toFriend = api.get("/users/" + mo.id(), ned.accessToken()).json();
    JsonObject toStranger = api.get("/users/" + mo.id(), oz.accessToken()).json();
    assertThat(toFriend.getString("status")).isEqualTo("offline");
    assertThat(toStranger.containsKey("status")).isFalse();
    assertThat(toStranger.containsKey("lastSeenAt")).isFalse();
    assertThat(toStranger.getString("username")).isEqualTo(mo.username());
    JsonObject found = api.get("/users/search?q=" + mo.username(), oz.accessToken()).items().getJsonObject(0);
    assertThat(found.containsKey("status")).isFalse();
    assertThat(api.get("/users/me", mo.accessToken()).json().getString("status")).isEqualTo("offline");
  }

  @Test
  void presenceIsNotEmbeddedInTheProfilesOfAFriendRequest() {
    TestUser pam = users.create("pam");
    TestUser quo = users.create("quo");
    JsonObject sent = api.post("/friends/requests", pam.accessToken(), new JsonObject().put("receiverId", quo.id())).json();
    JsonObject incoming = api.get("/friends/requests?direction=incoming", quo.accessToken()).items().getJsonObject(0);
    for (JsonObject view : List.of(sent, incoming)) {
      for (String side : List.of("senderProfile", "receiverProfile")) {
        JsonObject profile = view.getJsonObject(side);
        assertThat(profile.getString("username")).as(side).isNotBlank();
        assertThat(profile.containsKey("status")).as(side).isFalse();
        assertThat(profile.containsKey("lastSeenAt")).as(side).isFalse();
      }
    }
  }

  static void awaitClosed(BridgeClient socket, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!socket.isClosed() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(socket.isClosed()).as("socket closed within %d ms", timeoutMs).isTrue();
  }
}
