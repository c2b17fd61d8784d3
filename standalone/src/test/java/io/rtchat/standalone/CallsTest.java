package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.Groups;
import io.rtchat.standalone.support.Live;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audio and video calls through the real gateway and real bridge frames: ringing every device, answering on one,
 * signalling both ways, leaving, declining, busy, one call per chat, history, and every refusal (with nothing stored
 * and nothing delivered). The missed-call timeout has its own class (a short ring timeout).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsTest {

  private static final String STUN = "stun:stun.rtchat.test:3478";

  private TestStack stack;
  private ApiClient api;
  private Users users;
  private Chats chats;

  @BeforeAll
  void startStack() {
    stack = TestStack.start(Map.of("STUN_URLS", STUN));
    api = stack.api();
    users = stack.users();
    chats = new Chats(stack);
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  private Response start(TestUser caller, String chatId, String type) {
    return api.post("/calls", caller.accessToken(), new JsonObject().put("chatId", chatId).put("type", type));
  }

  private JsonObject started(TestUser caller, String chatId, String type) {
    Response call = start(caller, chatId, type);
    assertThat(call.status()).as("start %s", call).isEqualTo(201);
    return call.json();
  }

  private static JsonObject callEvent(BridgeClient device, String type, String callId) {
    return device.awaitEvent(type, d -> d.getJsonObject("call") != null
      && callId.equals(d.getJsonObject("call").getString("id"))).getJsonObject("data");
  }

  private static List<JsonObject> callEvents(BridgeClient device, long settleMs) {
    return Live.events(device, settleMs).stream().filter(e -> e.getString("type").startsWith("call.")).toList();
  }

  /** A {@code client.call.signal} frame as a browser sends it: token and device id in the headers, with a reply address. */
  private static String signal(BridgeClient socket, TestUser user, String deviceId, JsonObject body) {
    String reply = UUID.randomUUID().toString();
    socket.write(signalFrame(user, deviceId, body).put("replyAddress", reply));
    return reply;
  }

  private static JsonObject signalFrame(TestUser user, String deviceId, JsonObject body) {
    JsonObject headers = new JsonObject().put("Authorization", "Bearer " + user.accessToken());
    if (deviceId != null) {
      headers.put("deviceId", deviceId);
    }
    return new JsonObject().put("type", "send").put("address", Addresses.CLIENT_CALL_SIGNAL).put("body", body).put("headers", headers);
  }

  private static JsonObject signalBody(String callId, TestUser to, String kind, Object payload) {
    return new JsonObject().put("callId", callId).put("to", to.id()).put("kind", kind).put("payload", payload);
  }

  private static void assertRefused(JsonObject reply, int status, String code) {
    assertThat(reply.getString("type")).as("reply %s", reply).isEqualTo("err");
    assertThat(reply.getInteger("failureCode")).as("reply %s", reply).isEqualTo(status);
    assertThat(reply.getString("message")).contains(code);
  }

  @Test
  void aOneToOneCallRingsEveryDeviceStopsThemWhenOneAnswersRelaysSignalsAndEnds() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser eve = users.create("eve");
    String chatId = chats.direct(ann, bob);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob);
         BridgeClient bobLaptop = Live.device(stack, bob); BridgeClient evePhone = Live.device(stack, eve)) {
      JsonObject call = started(ann, chatId, "video");
      String callId = call.getString("id");
      assertThat(call.getString("status")).isEqualTo("ringing");
      assertThat(call.getString("type")).isEqualTo("video");
      assertThat(call.getString("initiator")).isEqualTo(ann.id());
      assertThat(call.getJsonArray("participants")).containsExactlyInAnyOrder(ann.id(), bob.id());
      assertThat(call.getJsonArray("invited")).containsExactly(bob.id());
      assertThat(call.getString("ringDeadline")).isNotNull();

      for (BridgeClient device : List.of(bobPhone, bobLaptop)) {
        assertThat(callEvent(device, "call.invite", callId).getJsonObject("call").getString("chatId")).isEqualTo(chatId);
      }

      Response accepted = api.post("/calls/" + callId + "/accept", bob.accessToken(), new JsonObject().put("deviceId", "bob-laptop"));
      assertThat(accepted.status()).as("accept %s", accepted).isEqualTo(200);
      assertThat(accepted.json().getString("status")).isEqualTo("ongoing");
      assertThat(accepted.json().getString("answeredAt")).isNotNull();
      assertThat(accepted.json().getJsonArray("inCall")).containsExactlyInAnyOrder(ann.id(), bob.id());
      for (BridgeClient device : List.of(annPhone, bobPhone, bobLaptop)) {
        JsonObject event = callEvent(device, "call.accepted", callId);
        assertThat(event.getString("userId")).isEqualTo(bob.id());
        assertThat(event.getString("deviceId")).as("names the device that answered").isEqualTo("bob-laptop");
      }

      // ann's offer reaches bob's devices, bob's answer and ICE candidate reach ann
      JsonObject offer = new JsonObject().put("type", "offer").put("sdp", "v=0 offer");
      assertThat(annPhone.awaitReply(signal(annPhone, ann, "ann-phone", signalBody(callId, bob, "offer", offer)))
        .getString("type")).isNotEqualTo("err");
      JsonObject relayed = bobLaptop.awaitEvent("call.signal", d -> callId.equals(d.getString("callId"))).getJsonObject("data");
      assertThat(relayed.getString("from")).isEqualTo(ann.id());
      assertThat(relayed.getString("fromDevice")).isEqualTo("ann-phone");
      assertThat(relayed.getString("kind")).isEqualTo("offer");
      assertThat(relayed.getJsonObject("payload")).isEqualTo(offer);
      bobPhone.awaitEvent("call.signal", d -> callId.equals(d.getString("callId")));

      JsonObject answer = new JsonObject().put("type", "answer").put("sdp", "v=0 answer");
      JsonObject answerReply = bobLaptop.awaitReply(signal(bobLaptop, bob, "bob-laptop",
        signalBody(callId, ann, "answer", answer).put("toDevice", "ann-phone")));
      assertThat(answerReply.getString("type")).isNotEqualTo("err");
      JsonObject back = annPhone.awaitEvent("call.signal", d -> "answer".equals(d.getString("kind"))).getJsonObject("data");
      assertThat(back.getString("from")).isEqualTo(bob.id());
      assertThat(back.getString("fromDevice")).isEqualTo("bob-laptop");
      assertThat(back.getString("toDevice")).isEqualTo("ann-phone");
      assertThat(back.getJsonObject("payload")).isEqualTo(answer);
      bobLaptop.awaitReply(signal(bobLaptop, bob, "bob-laptop", signalBody(callId, ann, "ice", new JsonObject().put("candidate", "c1"))));
      JsonObject ice = annPhone.awaitEvent("call.signal", d -> "ice".equals(d.getString("kind"))).getJsonObject("data");
      assertThat(ice.getString("fromDevice")).isEqualTo("bob-laptop");
      // bob answered on his laptop: his phone, and the laptop's socket without its deviceId header, did not join
      assertRefused(bobPhone.awaitReply(signal(bobPhone, bob, "bob-phone", signalBody(callId, ann, "offer", offer))), 409, "call.not_joined");
      assertRefused(bobLaptop.awaitReply(signal(bobLaptop, bob, null, signalBody(callId, ann, "ice", "c2"))), 409, "call.not_joined");

      Response ended = api.post("/calls/" + callId + "/end", ann.accessToken(), null);
      assertThat(ended.status()).as("end %s", ended).isEqualTo(200);
      assertThat(ended.json().getString("status")).isEqualTo("ended");
      assertThat(ended.json().getString("endReason")).isEqualTo("hangup");
      assertThat(ended.json().getString("endedAt")).isNotNull();
      assertThat(ended.json().getLong("durationSeconds")).isNotNull().isGreaterThanOrEqualTo(0L);
      for (BridgeClient device : List.of(annPhone, bobPhone, bobLaptop)) {
        assertThat(callEvent(device, "call.ended", callId).getString("userId")).isEqualTo(ann.id());
      }

      Response again = api.post("/calls/" + callId + "/end", ann.accessToken(), null);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.errorCode()).isEqualTo("call.ended");
      Response bobToo = api.post("/calls/video/" + callId + "/end", bob.accessToken(), null);
      assertThat(bobToo.errorCode()).isEqualTo("call.ended");
      // signalling on an ended call is refused, nothing delivered
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, "ann-phone", signalBody(callId, bob, "ice", "late"))), 409, "call.ended");

      assertThat(api.get("/calls/" + callId, bob.accessToken()).json().getString("status")).isEqualTo("ended");
      assertThat(callEvents(evePhone, 300)).as("a stranger hears nothing").isEmpty();
      assertThat(bobPhone.events().stream().filter(e -> "call.signal".equals(e.getString("type"))
        && "ice".equals(e.getJsonObject("data").getString("kind")))).isEmpty();
    }
  }

  @Test
  void aCalleeWhoDeclinesEndsAOneToOneCallAsRejected() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.direct(ann, bob);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob)) {
      String callId = started(ann, chatId, "audio").getString("id");
      callEvent(bobPhone, "call.invite", callId);
      Response rejected = api.post("/calls/" + callId + "/reject", bob.accessToken(), null);
      assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
      assertThat(rejected.json().getString("status")).isEqualTo("rejected");
      assertThat(rejected.json().getJsonArray("declined")).containsExactly(bob.id());
      assertThat(callEvent(annPhone, "call.rejected", callId).getString("userId")).isEqualTo(bob.id());
      callEvent(bobPhone, "call.rejected", callId);
      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), null).errorCode()).isEqualTo("call.ended");
      // the chat is free again
      assertThat(start(ann, chatId, "audio").status()).isEqualTo(201);
    }
  }

  @Test
  void aGroupCallRingsEveryMemberAndEndsWhenTheLastParticipantLeaves() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    Groups.TestGroup group = stack.groups().withMembers(ann, bob, cat);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob);
         BridgeClient catPhone = Live.device(stack, cat)) {
      Response created = api.post("/groups/" + group.id() + "/calls/audio", ann.accessToken(), null);
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      String callId = created.json().getString("id");
      assertThat(created.json().getString("chatId")).isEqualTo(group.chatId());
      assertThat(created.json().getString("groupId")).isEqualTo(group.id());
      assertThat(created.json().getJsonArray("invited")).containsExactlyInAnyOrder(bob.id(), cat.id());
      callEvent(bobPhone, "call.invite", callId);
      callEvent(catPhone, "call.invite", callId);

      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), null).status()).isEqualTo(200);
      assertThat(api.post("/calls/" + callId + "/accept", cat.accessToken(), null).json().getJsonArray("inCall"))
        .containsExactlyInAnyOrder(ann.id(), bob.id(), cat.id());
      callEvent(annPhone, "call.accepted", callId);

      bobPhone.awaitReply(signal(bobPhone, bob, "bob-phone", signalBody(callId, cat, "offer", "sdp-bob")));
      assertThat(catPhone.awaitEvent("call.signal", d -> "sdp-bob".equals(d.getString("payload")))
        .getJsonObject("data").getString("from")).isEqualTo(bob.id());

      Response annLeft = api.post("/calls/" + callId + "/end", ann.accessToken(), null);
      assertThat(annLeft.json().getString("status")).as("goes on without the caller").isEqualTo("ongoing");
      assertThat(callEvent(catPhone, "call.ended", callId).getJsonObject("call").getString("status")).isEqualTo("ongoing");
      assertThat(api.post("/calls/" + callId + "/end", ann.accessToken(), null).errorCode()).isEqualTo("call.not_joined");
      assertThat(api.post("/calls/audio/" + callId + "/end", bob.accessToken(), null).json().getString("status")).isEqualTo("ongoing");
      Response last = api.post("/calls/" + callId + "/end", cat.accessToken(), null);
      assertThat(last.json().getString("status")).isEqualTo("ended");
      assertThat(last.json().getString("endReason")).isEqualTo("everyone_left");
      assertThat(last.json().getJsonArray("left")).hasSize(3);
      JsonObject over = annPhone.awaitEvent("call.ended", d -> callId.equals(d.getJsonObject("call").getString("id"))
        && "ended".equals(d.getJsonObject("call").getString("status"))).getJsonObject("data");
      assertThat(over.getString("userId")).as("the last one out").isEqualTo(cat.id());
    }
  }

  @Test
  void aUserAlreadyInACallIsReportedBusyAndDoesNotRing() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    String annBob = chats.direct(ann, bob);
    String catBob = chats.direct(cat, bob);
    String group = chats.groupChat("busy", cat, bob, dan);
    try (BridgeClient bobPhone = Live.device(stack, bob); BridgeClient danPhone = Live.device(stack, dan)) {
      String first = started(ann, annBob, "audio").getString("id");
      assertThat(api.post("/calls/" + first + "/accept", bob.accessToken(), null).status()).isEqualTo(200);

      JsonObject direct = started(cat, catBob, "video");
      assertThat(direct.getJsonArray("busy")).containsExactly(bob.id());
      assertThat(direct.getString("status")).isEqualTo("missed");
      assertThat(direct.getString("endReason")).isEqualTo("busy");

      JsonObject groupCall = started(cat, group, "audio");
      assertThat(groupCall.getString("status")).isEqualTo("ringing");
      assertThat(groupCall.getJsonArray("busy")).containsExactly(bob.id());
      assertThat(groupCall.getJsonArray("invited")).containsExactly(dan.id());
      callEvent(danPhone, "call.invite", groupCall.getString("id"));
      List<String> notRung = List.of(direct.getString("id"), groupCall.getString("id"));
      assertThat(callEvents(bobPhone, 300)).noneMatch(e -> "call.invite".equals(e.getString("type"))
        && notRung.contains(e.getJsonObject("data").getJsonObject("call").getString("id")));
    }
  }

  @Test
  void aUserReportedBusyJoinsTheGroupCallOnceFreeButNotWhileStillInTheOtherCall() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    TestUser eve = users.create("eve");
    String annBob = chats.direct(ann, bob);
    String group = chats.groupChat("later", cat, bob, dan);
    try (BridgeClient catPhone = Live.device(stack, cat)) {
      String first = started(ann, annBob, "audio").getString("id");
      assertThat(api.post("/calls/" + first + "/accept", bob.accessToken(), null).status()).isEqualTo(200);
      String groupCall = started(cat, group, "audio").getString("id");

      Response whileBusy = api.post("/calls/" + groupCall + "/accept", bob.accessToken(), null);
      assertThat(whileBusy.status()).isEqualTo(409);
      assertThat(whileBusy.errorCode()).isEqualTo("call.invalid_state");
      assertThat(api.get("/calls/" + groupCall, cat.accessToken()).json().getJsonArray("inCall")).containsExactly(cat.id());
      assertThat(api.post("/calls/" + groupCall + "/accept", eve.accessToken(), null).errorCode())
        .as("a stranger still cannot").isEqualTo("call.not_found");

      assertThat(api.post("/calls/" + first + "/end", bob.accessToken(), null).status()).isEqualTo(200);
      Response joined = api.post("/calls/" + groupCall + "/accept", bob.accessToken(), new JsonObject().put("deviceId", "bob-laptop"));
      assertThat(joined.status()).as("%s", joined).isEqualTo(200);
      assertThat(joined.json().getString("status")).isEqualTo("ongoing");
      assertThat(joined.json().getJsonArray("inCall")).containsExactlyInAnyOrder(cat.id(), bob.id());
      assertThat(callEvent(catPhone, "call.accepted", groupCall).getString("userId")).isEqualTo(bob.id());
      assertThat(api.post("/calls/" + groupCall + "/accept", bob.accessToken(), null).errorCode())
        .as("answering twice").isEqualTo("call.invalid_state");
      // and once in, they leave like anyone else; the call goes on with the caller
      JsonObject afterLeave = api.post("/calls/" + groupCall + "/end", bob.accessToken(), null).json();
      assertThat(afterLeave.getString("status")).isEqualTo("ongoing");
      assertThat(afterLeave.getJsonArray("inCall")).containsExactly(cat.id());
    }
  }

  @Test
  void aSecondCallInAChatIsRefusedWithTheActiveCallsId() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.direct(ann, bob);
    String callId = started(ann, chatId, "audio").getString("id");
    Response second = start(bob, chatId, "video");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("call.active");
    assertThat(second.json().getJsonObject("error").getJsonObject("fields").getString("callId")).isEqualTo(callId);
    Response alias = api.post("/calls/audio", bob.accessToken(), new JsonObject().put("chatId", chatId));
    assertThat(alias.errorCode()).isEqualTo("call.active");
    assertThat(api.get("/calls?chatId=" + chatId, ann.accessToken()).items()).hasSize(1);
  }

  @Test
  void badInputAndForbiddenCallActionsAreRefusedStoringAndDeliveringNothing() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser eve = users.create("eve");
    String chatId = chats.direct(ann, bob);
    try (BridgeClient bobPhone = Live.device(stack, bob); BridgeClient evePhone = Live.device(stack, eve)) {
      Response unknownType = start(ann, chatId, "hologram");
      assertThat(unknownType.status()).isEqualTo(400);
      assertThat(unknownType.errorCode()).isEqualTo("request.invalid");
      assertThat(unknownType.json().getJsonObject("error").getJsonObject("fields").getString("type")).isNotBlank();
      assertThat(start(ann, "not-an-id", "audio").errorCode()).isEqualTo("request.invalid");
      assertThat(api.post("/calls", ann.accessToken(), new JsonObject().put("type", "audio")).status()).isEqualTo(400);
      Response notMine = start(eve, chatId, "audio");
      assertThat(notMine.status()).isEqualTo(404);
      assertThat(notMine.errorCode()).isEqualTo("chat.not_found");
      assertThat(api.post("/groups/" + "0".repeat(24) + "/calls/video", eve.accessToken(), null).status()).isEqualTo(404);
      assertThat(api.sendRaw(HttpMethod.POST, "/calls", ann.accessToken(), Buffer.buffer("{nope"), "application/json").status())
        .isEqualTo(400);
      assertThat(api.get("/calls?chatId=" + chatId, ann.accessToken()).items()).as("nothing stored").isEmpty();
      assertThat(callEvents(bobPhone, 200)).as("nothing delivered").isEmpty();

      String callId = started(ann, chatId, "audio").getString("id");
      callEvent(bobPhone, "call.invite", callId);
      Response own = api.post("/calls/" + callId + "/accept", ann.accessToken(), null);
      assertThat(own.status()).isEqualTo(409); // the caller is already in it
      Response stranger = api.post("/calls/" + callId + "/accept", eve.accessToken(), null);
      assertThat(stranger.status()).isEqualTo(404);
      assertThat(stranger.errorCode()).isEqualTo("call.not_found");
      assertThat(api.post("/calls/" + callId + "/reject", eve.accessToken(), null).errorCode()).isEqualTo("call.not_found");
      assertThat(api.post("/calls/" + callId + "/end", eve.accessToken(), null).errorCode()).isEqualTo("call.not_found");
      assertThat(api.get("/calls/" + callId, eve.accessToken()).status()).isEqualTo(404);
      assertThat(api.get("/calls?chatId=" + chatId, eve.accessToken()).errorCode()).isEqualTo("chat.not_found");
      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), new JsonObject().put("deviceId", "no spaces!"))
        .errorCode()).isEqualTo("request.invalid");
      assertThat(api.post("/calls/" + callId + "/reject", ann.accessToken(), null).errorCode()).isEqualTo("call.invalid_state");
      assertThat(api.post("/calls/xyz/accept", bob.accessToken(), null).errorCode()).isEqualTo("request.invalid_id");
      assertThat(api.get("/calls/xyz", bob.accessToken()).errorCode()).isEqualTo("request.invalid_id");
      assertThat(api.post("/calls/" + "0".repeat(24) + "/end", bob.accessToken(), null).errorCode()).isEqualTo("call.not_found");

      JsonObject still = api.get("/calls/" + callId, bob.accessToken()).json();
      assertThat(still.getString("status")).as("refusals changed nothing").isEqualTo("ringing");
      assertThat(still.getJsonArray("declined")).isEmpty();
      assertThat(callEvents(bobPhone, 200)).extracting(e -> e.getString("type")).containsOnly("call.invite");
      assertThat(callEvents(evePhone, 0)).isEmpty();
      assertThat(api.get("/calls?chatId=" + chatId, ann.accessToken()).items()).hasSize(1);
    }
  }

  @Test
  void signalsAreRelayedOnlyBetweenTheCallsParticipantsWithinTheLimits() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser eve = users.create("eve");
    String chatId = chats.direct(ann, bob);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob);
         BridgeClient evePhone = Live.device(stack, eve)) {
      String callId = started(ann, chatId, "video").getString("id");
      callEvent(bobPhone, "call.invite", callId);

      assertRefused(evePhone.awaitReply(signal(evePhone, eve, null, signalBody(callId, bob, "offer", "x"))), 404, "call.not_found");
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, null, signalBody(callId, eve, "offer", "x"))), 403, "call.not_participant");
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, null, signalBody(callId, bob, "shout", "x"))), 400, "request.invalid");
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, null, signalBody("nope", bob, "offer", "x"))), 400, "request.invalid");
      String big = "x".repeat(16 * 1024 + 1);
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, null, signalBody(callId, bob, "offer", big))), 413, "call.signal_too_large");
      assertThat(callEvents(bobPhone, 300)).noneMatch(e -> "call.signal".equals(e.getString("type")));
      assertThat(callEvents(evePhone, 0)).isEmpty();

      // until bob answers, ann has nobody to talk to
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, "ann-phone", signalBody(callId, bob, "offer", "x"))), 403, "call.not_participant");
      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), null).status()).isEqualTo(200);

      // a burst over 50 a second from one socket: the excess is refused and not delivered
      List<JsonObject> burst = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        burst.add(signalFrame(ann, "ann-phone", signalBody(callId, bob, "ice", "c" + i)));
      }
      long begin = System.nanoTime();
      for (JsonObject frame : burst) {
        annPhone.write(frame);
      }
      String lastReply = signal(annPhone, ann, "ann-phone", signalBody(callId, bob, "ice", "last"));
      JsonObject limited = annPhone.awaitReply(lastReply);
      // the gateway handled every frame of the burst within this time, so at most this much refill
      double seconds = (System.nanoTime() - begin) / 1e9;
      long delivered = callEvents(bobPhone, 1_000).stream().filter(e -> "call.signal".equals(e.getString("type"))).count();
      assertThat(delivered).as("delivered within %.2f s", seconds).isGreaterThanOrEqualTo(50).isLessThanOrEqualTo((long) (50 + seconds * 50) + 1);
      if (seconds < 0.5) {
        assertRefused(limited, 429, "request.rate_limited");
      }
    }
  }

  /** Second review, finding 1: a member who declined, never answered or left cannot offer into the call and be answered. */
  @Test
  void onlyUsersWhoJoinedTheCallMaySignalAndBeSignalled() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    Groups.TestGroup group = stack.groups().withMembers(ann, bob, cat, dan);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob);
         BridgeClient catPhone = Live.device(stack, cat); BridgeClient danPhone = Live.device(stack, dan)) {
      String callId = api.post("/groups/" + group.id() + "/calls/video", ann.accessToken(), null).json().getString("id");
      callEvent(catPhone, "call.invite", callId);
      callEvent(danPhone, "call.invite", callId);
      assertThat(api.post("/calls/" + callId + "/accept", bob.accessToken(), new JsonObject().put("deviceId", "bob-phone")).status()).isEqualTo(200);
      assertThat(api.post("/calls/" + callId + "/reject", cat.accessToken(), null).status()).isEqualTo(200);
      callEvent(annPhone, "call.rejected", callId);
      Live.events(annPhone, 200);

      JsonObject sdp = new JsonObject().put("type", "offer").put("sdp", "v=0 eavesdrop");
      // cat declined, dan never answered: neither may offer to the caller or to bob
      assertRefused(catPhone.awaitReply(signal(catPhone, cat, "cat-phone", signalBody(callId, ann, "offer", sdp))), 409, "call.not_joined");
      assertRefused(danPhone.awaitReply(signal(danPhone, dan, "dan-phone", signalBody(callId, bob, "offer", sdp))), 409, "call.not_joined");
      // nor may those in the call signal them
      assertRefused(annPhone.awaitReply(signal(annPhone, ann, "ann-phone", signalBody(callId, cat, "offer", sdp))), 403, "call.not_participant");
      assertRefused(bobPhone.awaitReply(signal(bobPhone, bob, "bob-phone", signalBody(callId, dan, "ice", "c"))), 403, "call.not_participant");
      // bob answered on his phone; another device of his did not join
      assertRefused(bobPhone.awaitReply(signal(bobPhone, bob, "bob-tablet", signalBody(callId, ann, "offer", sdp))), 409, "call.not_joined");
      // whoever leaves stops talking at once
      assertThat(api.post("/calls/" + callId + "/end", bob.accessToken(), null).json().getString("status")).isEqualTo("ongoing");
      assertRefused(bobPhone.awaitReply(signal(bobPhone, bob, "bob-phone", signalBody(callId, ann, "offer", sdp))), 409, "call.not_joined");

      for (BridgeClient device : List.of(annPhone, bobPhone, catPhone, danPhone)) {
        assertThat(callEvents(device, 300)).as("nothing delivered").noneMatch(e -> "call.signal".equals(e.getString("type")));
      }
    }
  }

  @Test
  void callHistoryIsPagedNewestFirstForTheChatsParticipants() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.direct(ann, bob);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String callId = started(ann, chatId, i % 2 == 0 ? "audio" : "video").getString("id");
      ids.add(callId);
      assertThat(api.post("/calls/" + callId + "/end", ann.accessToken(), null).json().getString("status")).isEqualTo("missed");
    }
    Response first = api.get("/calls?chatId=" + chatId + "&limit=2", bob.accessToken());
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.items().stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly(ids.get(2), ids.get(1));
    assertThat(first.json().getBoolean("hasMore")).isTrue();
    Response rest = api.get("/calls?chatId=" + chatId + "&limit=2&before=" + ids.get(1), bob.accessToken());
    assertThat(rest.items().stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly(ids.get(0));
    assertThat(rest.json().getBoolean("hasMore")).isFalse();
    assertThat(((JsonObject) rest.items().getValue(0)).getString("endReason")).isEqualTo("cancelled");
    assertThat(api.get("/calls?chatId=" + chatId + "&limit=x", bob.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void iceServersWithoutTurnConfiguredAreTheStunServersOnly() {
    TestUser ann = users.create("ann");
    Response answer = api.get("/calls/ice-servers", ann.accessToken());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().getJsonArray("iceServers")).hasSize(1);
    JsonObject stun = answer.json().getJsonArray("iceServers").getJsonObject(0);
    assertThat(stun.getJsonArray("urls")).containsExactly(STUN);
    assertThat(stun.containsKey("username")).isFalse();
    assertThat(stun.containsKey("credential")).isFalse();
  }
}
