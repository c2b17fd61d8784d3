package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.rtchat.standalone.AuthHardeningTest.awaitClosed;
import static org.assertj.core.api.Assertions.assertThat;

/** The rate limits and socket limits, on a server configured with small ones so they show within a test. */
class AbuseLimitsTest {

  static TestStack stack;
  static ApiClient api;
  static Users users;

  @BeforeAll
  static void start() {
    stack = TestStack.start(Map.ofEntries(
      Map.entry("RATE_USER_BURST", "20"),
      Map.entry("RATE_USER_PER_SECOND", "1"),
      Map.entry("RATE_INVITES_BURST", "3"),
      Map.entry("RATE_INVITES_PER_HOUR", "1"),
      Map.entry("RATE_COMMANDS_BURST", "5"),
      Map.entry("RATE_COMMANDS_PER_SECOND", "1"),
      Map.entry("RATE_ACCOUNT_ROUTES_BURST", "40"),
      Map.entry("RATE_ACCOUNT_ROUTES_PER_MINUTE", "1"),
      Map.entry("BRIDGE_AUTH_TIMEOUT_SECONDS", "1"),
      Map.entry("BRIDGE_MAX_SOCKETS_PER_USER", "2"),
      Map.entry("ACCESS_TOKEN_TTL_SECONDS", "60")));
    api = stack.api();
    users = stack.users();
    // made before any test spends the account routes' budget (one test empties it on purpose)
    ann = users.create("ann");
    bob = users.create("bob");
    cy = users.create("cy");
    dee = users.create("dee");
    eve = users.create("eve");
    fay = users.create("fay");
    gus = users.create("gus");
    hal = users.create("hal");
    ivy = users.create("ivy");
    jon = users.create("jon");
    kim = users.create("kim");
  }

  static TestUser ann;
  static TestUser bob;
  static TestUser cy;
  static TestUser dee;
  static TestUser eve;
  static TestUser fay;
  static TestUser gus;
  static TestUser hal;
  static TestUser ivy;
  static TestUser jon;
  static TestUser kim;

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void restRequestsOverTheUsersBudgetAre429WithRetryAfter() {
    Response last = null;
    for (int i = 0; i < 30 && (last == null || last.status() == 200); i++) {
      last = api.get("/users/me", ann.accessToken());
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.errorCode()).isEqualTo("request.rate_limited");
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(api.get("/users/me", bob.accessToken()).status()).as("another user has their own budget").isEqualTo(200);
  }

  @Test
  void friendRequestLoopsRunOutOfTheirBudget() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Response sent = api.post("/friends/requests", cy.accessToken(), new JsonObject().put("receiverId", dee.id()));
      statuses.add(sent.status());
      if (sent.status() == 201) {
        statuses.add(api.delete("/friends/requests/" + sent.json().getString("id"), cy.accessToken()).status());
      }
    }
    assertThat(statuses).contains(429);
    assertThat(statuses.subList(0, 2)).containsExactly(201, 204);
    int notifications = api.get("/notifications?limit=100", dee.accessToken()).items().size();
    assertThat(notifications).isLessThanOrEqualTo(3);
  }

  @Test
  void accountRoutesPerAddressRunOutWithoutRunningArgon2OrMailing() {
    Response last = null;
    for (int i = 0; i < 60 && (last == null || last.status() == 202); i++) {
      last = api.post("/auth/forgot-password", null, new JsonObject().put("email", Users.unique("nobody") + "@example.test"));
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
    // the budget is the address's, for every account route: registration (Argon2) and code mails are refused too
    Response register = api.post("/auth/register", null, users.registrationBody(Users.unique("late")));
    assertThat(register.status()).isEqualTo(429);
    assertThat(register.errorCode()).isEqualTo("request.rate_limited");
    assertThat(api.post("/auth/send-otp", null, new JsonObject().put("email", Users.unique("late") + "@example.test")).status())
      .isEqualTo(429);
  }

  @Test
  void groupInvitationLoopsRunOutOfTheInvitationBudget() {
    Response created = api.post("/groups", gus.accessToken(), new JsonObject().put("name", Users.unique("group"))
      .put("memberIds", new JsonArray().add(hal.id())));
    assertThat(created.status()).isEqualTo(201);
    String invite = "/groups/" + created.json().getJsonObject("group").getString("id") + "/invite";
    List<Integer> statuses = new ArrayList<>();
    for (TestUser invitee : List.of(ivy, jon, kim)) {
      statuses.add(api.post(invite, gus.accessToken(), new JsonObject()
        .put("userIds", new JsonArray().add(invitee.id()))).status());
    }
    // a burst of 3: the group's creation and two invitations; the third invitation waits for the budget to refill
    assertThat(statuses).containsExactly(200, 200, 429);
  }

  @Test
  void bridgeCommandsOverTheBudgetGetAnErrFrameWithTheCode() {
    try (BridgeClient socket = stack.bridge()) {
      socket.register(Addresses.inbox(eve.id()), eve.accessToken());
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        replies.add(socket.send(Addresses.CLIENT_CHAT_TYPING, new JsonObject().put("chatId", "0123456789abcdef01234567"), eve.accessToken()));
      }
      boolean limited = false;
      for (String reply : replies) {
        JsonObject frame = socket.awaitReply(reply);
        if ("err".equals(frame.getString("type")) && frame.getString("message", "").contains("request.rate_limited")) {
          limited = true;
          assertThat(new JsonObject(frame.getString("message")).getJsonObject("error").getLong("retryAfter")).isPositive();
        }
      }
      assertThat(limited).isTrue();
    }
  }

  @Test
  void aSocketThatNeverSignsInIsClosed() {
    try (BridgeClient socket = stack.bridge()) {
      awaitClosed(socket, 5_000);
    }
  }

  @Test
  void aUserMayHoldOnlySoManySockets() {
    try (BridgeClient one = stack.bridge(); BridgeClient two = stack.bridge(); BridgeClient three = stack.bridge()) {
      one.register(Addresses.inbox(fay.id()), fay.accessToken());
      two.register(Addresses.inbox(fay.id()), fay.accessToken());
      stack.vertx.timer(300).await();
      three.register(Addresses.inbox(fay.id()), fay.accessToken());
      awaitClosed(three, 5_000);
      stack.vertx.timer(1_500).await();
      assertThat(one.isClosed()).as("signed-in sockets outlive the sign-in timeout").isFalse();
      assertThat(two.isClosed()).isFalse();
    }
  }
}
