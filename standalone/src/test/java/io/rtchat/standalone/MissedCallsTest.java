package io.rtchat.standalone;

import io.rtchat.call.CallVerticle;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.Live;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring timeout ({@code CALL_RING_TIMEOUT_SECONDS}, short here): an unanswered call becomes missed exactly once
 * even with two call-service instances sweeping, everyone who did not answer gets a stored {@code call_missed}
 * notification, an answered call is left alone, and a call still ringing when the server stops is missed after
 * it starts again on the same data (the deadline is stored, not only timed in memory).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissedCallsTest {

  private TestStack stack;
  private ApiClient api;
  private Users users;
  private Chats chats;

  @BeforeAll
  void startStackWithTwoCallServiceInstances() {
    stack = TestStack.start(Map.of("CALL_RING_TIMEOUT_SECONDS", "2"));
    // a second instance of the call service on the same bus and database, as a second chat-service pod would be
    stack.vertx.deployVerticle(new CallVerticle(), new DeploymentOptions().setConfig(stack.config.toJson())).await();
    api = stack.api();
    users = stack.users();
    chats = new Chats(stack);
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  private static Predicate<JsonObject> ofCall(String callId) {
    return d -> d.getJsonObject("call") != null && callId.equals(d.getJsonObject("call").getString("id"));
  }

  private static long count(BridgeClient device, String type, String callId) {
    return Live.events(device, 0).stream()
      .filter(e -> type.equals(e.getString("type")) && ofCall(callId).test(e.getJsonObject("data"))).count();
  }

  private static List<JsonObject> missedNotifications(ApiClient api, TestUser user, String callId) {
    Response page = api.get("/notifications", user.accessToken());
    assertThat(page.status()).isEqualTo(200);
    return page.items().stream().map(o -> (JsonObject) o)
      .filter(n -> "call_missed".equals(n.getString("type")) && callId.equals(n.getString("relatedId"))).toList();
  }

  private static List<JsonObject> awaitMissedNotifications(ApiClient api, TestUser user, String callId) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      List<JsonObject> found = missedNotifications(api, user, callId);
      if (!found.isEmpty()) {
        return found;
      }
      sleep(100);
    }
    throw new AssertionError("no call_missed notification for " + user.username());
  }

  @Test
  void anUnansweredGroupCallIsMissedOnceAndEveryInviteeIsNotified() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    String chatId = chats.groupChat("ring-out", ann, bob, cat);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob)) {
      Response started = api.post("/calls", ann.accessToken(), new JsonObject().put("chatId", chatId).put("type", "audio"));
      assertThat(started.status()).as("%s", started).isEqualTo(201);
      String callId = started.json().getString("id");
      bobPhone.awaitEvent("call.invite", ofCall(callId));

      JsonObject missed = bobPhone.awaitEvent("call.missed", ofCall(callId), 15_000).getJsonObject("data").getJsonObject("call");
      assertThat(missed.getString("status")).isEqualTo("missed");
      assertThat(missed.getString("endReason")).isEqualTo("no_answer");
      assertThat(missed.getString("endedAt")).isNotNull();
      annPhone.awaitEvent("call.missed", ofCall(callId), 5_000);

      assertThat(awaitMissedNotifications(api, bob, callId)).hasSize(1);
      assertThat(awaitMissedNotifications(api, cat, callId)).hasSize(1);
      sleep(2_500); // both instances swept again meanwhile: still one outcome
      assertThat(count(bobPhone, "call.missed", callId)).as("one call.missed, not one per instance").isEqualTo(1);
      assertThat(count(annPhone, "call.missed", callId)).isEqualTo(1);
      assertThat(missedNotifications(api, bob, callId)).hasSize(1);
      assertThat(missedNotifications(api, cat, callId)).hasSize(1);
      assertThat(missedNotifications(api, ann, callId)).as("the caller missed nothing").isEmpty();
      JsonObject stored = api.get("/calls/" + callId, cat.accessToken()).json();
      assertThat(stored.getString("status")).isEqualTo("missed");
      // the chat is free for the next call
      assertThat(api.post("/calls/video", bob.accessToken(), new JsonObject().put("chatId", chatId)).status()).isEqualTo(201);
    }
  }

  @Test
  void inAnAnsweredGroupCallWhoeverNeverAnsweredMissesItAtTheDeadlineWhileTheCallGoesOn() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    TestUser eve = users.create("eve");
    String chatId = chats.groupChat("half-answered", ann, bob, cat, dan);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob);
         BridgeClient catPhone = Live.device(stack, cat); BridgeClient strangerPhone = Live.device(stack, eve)) {
      String callId = api.post("/calls", ann.accessToken(), new JsonObject().put("chatId", chatId).put("type", "audio"))
        .json().getString("id");
      catPhone.awaitEvent("call.invite", ofCall(callId));
      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), null).status()).isEqualTo(200);
      assertThat(api.post("/calls/" + callId + "/reject", dan.accessToken(), null).status()).isEqualTo(200);

      JsonObject missed = catPhone.awaitEvent("call.missed", ofCall(callId), 15_000).getJsonObject("data").getJsonObject("call");
      assertThat(missed.getString("status")).as("the call goes on").isEqualTo("ongoing");
      assertThat(missed.getJsonArray("missedBy")).containsExactly(cat.id());
      assertThat(awaitMissedNotifications(api, cat, callId)).hasSize(1);

      sleep(2_500); // both instances swept again meanwhile: still one outcome
      assertThat(count(catPhone, "call.missed", callId)).as("one call.missed, not one per instance").isEqualTo(1);
      assertThat(missedNotifications(api, cat, callId)).hasSize(1);
      assertThat(count(annPhone, "call.missed", callId)).as("the caller missed nothing").isZero();
      assertThat(count(bobPhone, "call.missed", callId)).as("who answered missed nothing").isZero();
      assertThat(missedNotifications(api, bob, callId)).isEmpty();
      assertThat(missedNotifications(api, dan, callId)).as("who declined missed nothing").isEmpty();
      assertThat(Live.events(strangerPhone, 0)).noneMatch(e -> e.getString("type").startsWith("call."));
      assertThat(missedNotifications(api, eve, callId)).isEmpty();
      assertThat(api.get("/calls/" + callId, eve.accessToken()).status()).isEqualTo(404);

      JsonObject stored = api.get("/calls/" + callId, ann.accessToken()).json();
      assertThat(stored.getString("status")).isEqualTo("ongoing");
      assertThat(stored.getJsonArray("inCall")).containsExactlyInAnyOrder(ann.id(), bob.id());
      assertThat(stored.getJsonArray("missedBy")).containsExactly(cat.id());
      // the one who missed it may still join late
      assertThat(api.post("/calls/" + callId + "/accept", cat.accessToken(), null).status()).isEqualTo(200);
    }
  }

  @Test
  void aCallAnsweredInTimeIsNeverMissed() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.direct(ann, bob);
    try (BridgeClient annPhone = Live.device(stack, ann)) {
      String callId = api.post("/calls", ann.accessToken(), new JsonObject().put("chatId", chatId).put("type", "audio"))
        .json().getString("id");
      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), null).status()).isEqualTo(200);
      sleep(3_500);
      assertThat(api.get("/calls/" + callId, ann.accessToken()).json().getString("status")).isEqualTo("ongoing");
      assertThat(count(annPhone, "call.missed", callId)).isZero();
      assertThat(missedNotifications(api, bob, callId)).isEmpty();
    }
  }

  @Test
  void aCallRingingWhenTheServerStopsIsMissedAfterItStartsAgain() throws Exception {
    Path dataDir = Files.createTempDirectory("rtchat-call-restart");
    Map<String, String> settings = Map.of("DATA_DIR", dataDir.toString(), "MONGO_EMBEDDED_BACKEND", "file",
      "CALL_RING_TIMEOUT_SECONDS", "6");
    TestUser ann;
    TestUser bob;
    String callId;
    Instant stopped;
    try (TestStack first = TestStack.start(settings)) {
      ann = first.users().create("ann");
      bob = first.users().create("bob");
      String chatId = new Chats(first).direct(ann, bob);
      Response started = first.api().post("/calls", ann.accessToken(), new JsonObject().put("chatId", chatId).put("type", "video"));
      assertThat(started.json().getString("status")).isEqualTo("ringing");
      callId = started.json().getString("id");
    }
    stopped = Instant.now();
    try (TestStack second = TestStack.start(settings)) {
      ApiClient api2 = second.api();
      long deadline = System.currentTimeMillis() + 20_000;
      JsonObject call = api2.get("/calls/" + callId, bob.accessToken()).json();
      while (!"missed".equals(call.getString("status")) && System.currentTimeMillis() < deadline) {
        sleep(100);
        call = api2.get("/calls/" + callId, bob.accessToken()).json();
      }
      assertThat(call.getString("status")).isEqualTo("missed");
      assertThat(call.getString("endReason")).isEqualTo("no_answer");
      assertThat(Instant.parse(call.getString("endedAt"))).as("decided after the restart").isAfter(stopped);
      assertThat(awaitMissedNotifications(api2, bob, callId)).hasSize(1);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
