package io.rtchat.standalone;

import io.rtchat.api.AiChatService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Live;
import io.rtchat.standalone.support.OpenAiStandIn;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI assistant chat end to end: the real gateway, chat-service and Mongo, real bridge frames on the user's
 * devices, and an OpenAI-compatible streaming server on 127.0.0.1 standing in for the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiChatTest {

  private static final String SYSTEM_PROMPT = "You are the rtchat test assistant.";
  private static final long WAIT = 20_000;

  private OpenAiStandIn provider;
  private TestStack stack;
  private ApiClient api;
  private Users users;

  @BeforeAll
  void start() {
    provider = OpenAiStandIn.start();
    stack = TestStack.start(Map.of(
      Setting.AI_BASE_URL.name(), provider.baseUrl(),
      Setting.AI_MODEL.name(), OpenAiStandIn.MODEL,
      Setting.AI_API_KEY.name(), OpenAiStandIn.KEY,
      Setting.AI_SYSTEM_PROMPT.name(), SYSTEM_PROMPT,
      Setting.AI_TIMEOUT.name(), "4",
      Setting.AI_IDLE_TIMEOUT.name(), "4",
      Setting.AI_MAX_REQUESTS_PER_MINUTE.name(), "6"));
    api = stack.api();
    users = stack.users();
  }

  @AfterAll
  void stop() {
    stack.close();
    provider.close();
  }

  private Response ask(TestUser user, String content) {
    return api.post("/chats/ai/messages", user.accessToken(),
      new JsonObject().put("content", content).put("clientMsgId", "q-" + UUID.randomUUID()));
  }

  /** Asks and checks the 202: the stored question, whose id is the reply's id. */
  private JsonObject asked(TestUser user, String content) {
    Response response = ask(user, content);
    assertThat(response.status()).as("ask %s", response).isEqualTo(202);
    assertThat(response.json().getString("content")).isEqualTo(content);
    assertThat(response.json().getString("sender")).isEqualTo(user.id());
    return response.json();
  }

  private static JsonObject awaitEvent(BridgeClient device, String type, String replyId) {
    return device.await(f -> "rec".equals(f.getString("type")) && f.getJsonObject("body") != null
      && type.equals(f.getJsonObject("body").getString("type"))
      && replyId.equals(f.getJsonObject("body").getJsonObject("data").getString("replyId")), WAIT).getJsonObject("body").getJsonObject("data");
  }

  private static List<JsonObject> eventsOf(BridgeClient device, String type, String replyId) {
    return device.events().stream().filter(e -> type.equals(e.getString("type"))
      && replyId.equals(e.getJsonObject("data").getString("replyId"))).map(e -> e.getJsonObject("data")).toList();
  }

  private static String deltaText(BridgeClient device, String replyId) {
    return String.join("", eventsOf(device, "ai.delta", replyId).stream().map(d -> d.getString("text")).toList());
  }

  private JsonArray aiHistory(TestUser user, String query) {
    Response page = api.get("/chats/ai/messages" + query, user.accessToken());
    assertThat(page.status()).as("history %s", page).isEqualTo(200);
    return page.items();
  }

  @Test
  void aReplyStreamsToEveryDeviceInOrderBeforeItEndsAndIsStoredAsTheDeltasTogether() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann); BridgeClient laptop = Live.device(stack, ann)) {
      String question = "Tell me something streamed [gate:two-devices]";
      String replyId = asked(ann, question).getString("id");

      // Half the answer is out and the provider is holding the rest: both devices already have text.
      for (BridgeClient device : List.of(phone, laptop)) {
        JsonObject first = awaitEvent(device, "ai.delta", replyId);
        assertThat(first.getString("chatId")).isNotBlank();
        assertThat(first.getString("text")).startsWith("You");
      }
      assertThat(eventsOf(phone, "ai.done", replyId)).isEmpty();
      provider.open("two-devices");

      String expected = "You said: " + question;
      for (BridgeClient device : List.of(phone, laptop)) {
        JsonObject done = awaitEvent(device, "ai.done", replyId);
        JsonObject reply = done.getJsonObject("message");
        assertThat(reply.getString("content")).isEqualTo(expected);
        assertThat(reply.getString("sender")).isEqualTo(AiChatService.ASSISTANT_ID);
        assertThat(reply.getBoolean("incomplete")).isFalse();
        assertThat(deltaText(device, replyId)).as("the deltas, in order").isEqualTo(expected);
        // ai.done comes after the last delta
        List<JsonObject> events = device.events();
        int doneAt = -1;
        int lastDeltaAt = -1;
        for (int i = 0; i < events.size(); i++) {
          JsonObject data = events.get(i).getJsonObject("data");
          if (data != null && replyId.equals(data.getString("replyId"))) {
            if ("ai.done".equals(events.get(i).getString("type"))) {
              doneAt = i;
            } else if ("ai.delta".equals(events.get(i).getString("type"))) {
              lastDeltaAt = i;
            }
          }
        }
        assertThat(lastDeltaAt).isLessThan(doneAt);
        // the reply is also an ordinary new message of the chat
        device.await(f -> "rec".equals(f.getString("type")) && "message.new".equals(f.getJsonObject("body").getString("type"))
          && reply.getString("id").equals(f.getJsonObject("body").getJsonObject("data").getString("id")), WAIT);
      }
      JsonArray history = aiHistory(ann, "");
      assertThat(history).hasSize(2);
      assertThat(history.getJsonObject(0).getString("content")).isEqualTo(question);
      assertThat(history.getJsonObject(1).getString("content")).isEqualTo(expected);
      assertThat(history.getJsonObject(1).getLong("seq")).isEqualTo(2L);
    }
  }

  @Test
  void theProviderIsAskedForAStreamWithTheModelTheKeyTheSystemPromptAndTheHistory() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String first = "First question " + UUID.randomUUID();
      awaitEvent(phone, "ai.done", asked(ann, first).getString("id"));
      String second = "Second question " + UUID.randomUUID();
      awaitEvent(phone, "ai.done", asked(ann, second).getString("id"));

      JsonObject request = provider.requests().stream()
        .filter(r -> r.getJsonArray("messages").encode().contains(second)).findFirst().orElseThrow();
      assertThat(request.getString("model")).isEqualTo(OpenAiStandIn.MODEL);
      assertThat(request.getBoolean("stream")).isTrue();
      JsonArray messages = request.getJsonArray("messages");
      assertThat(messages).hasSize(4);
      assertThat(messages.getJsonObject(0)).isEqualTo(new JsonObject().put("role", "system").put("content", SYSTEM_PROMPT));
      assertThat(messages.getJsonObject(1)).isEqualTo(new JsonObject().put("role", "user").put("content", first));
      assertThat(messages.getJsonObject(2)).isEqualTo(new JsonObject().put("role", "assistant").put("content", "You said: " + first));
      assertThat(messages.getJsonObject(3)).isEqualTo(new JsonObject().put("role", "user").put("content", second));
      assertThat(provider.authorizations()).allMatch(a -> a.equals("Bearer " + OpenAiStandIn.KEY));
    }
  }

  @Test
  void aProviderSlowToStartEndsAsTimeoutKeepsTheQuestionAndTheChatWorksAgainAtOnce() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String replyId = asked(ann, "Think slowly [slow]").getString("id");
      JsonObject error = awaitEvent(phone, "ai.error", replyId);
      assertThat(error.getString("code")).isEqualTo("ai.timeout");
      assertThat(error.getValue("reply")).isNull();
      assertThat(aiHistory(ann, "")).hasSize(1);

      String again = asked(ann, "Are you back?").getString("id");
      assertThat(awaitEvent(phone, "ai.done", again).getJsonObject("message").getString("content")).isEqualTo("You said: Are you back?");
    }
  }

  @Test
  void aProviderFallingSilentMidReplyEndsAsTimeoutAndKeepsThePartReceived() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String replyId = asked(ann, "Start and stop [stall]").getString("id");
      assertThat(awaitEvent(phone, "ai.delta", replyId).getString("text")).isEqualTo("Let me think");
      JsonObject error = awaitEvent(phone, "ai.error", replyId);
      assertThat(error.getString("code")).isEqualTo("ai.timeout");
      assertThat(error.getJsonObject("reply").getString("content")).isEqualTo("Let me think");
      assertThat(error.getJsonObject("reply").getBoolean("incomplete")).isTrue();
    }
  }

  @Test
  void anErrorStatusEndsAsProviderErrorWithoutTheKeyAnywhere() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String replyId = asked(ann, "Break please [status-500]").getString("id");
      JsonObject error = awaitEvent(phone, "ai.error", replyId);
      assertThat(error.getString("code")).isEqualTo("ai.provider_error");
      assertThat(error.getString("message")).contains("500");
      assertThat(phone.frames().toString()).doesNotContain(OpenAiStandIn.KEY);
      JsonArray history = aiHistory(ann, "");
      assertThat(history).hasSize(1);
      assertThat(history.toString()).doesNotContain(OpenAiStandIn.KEY);
    }
  }

  @Test
  void aMalformedChunkEndsAsMalformedReplyAndKeepsThePartReceivedAsIncomplete() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String replyId = asked(ann, "Garble [malformed]").getString("id");
      JsonObject error = awaitEvent(phone, "ai.error", replyId);
      assertThat(error.getString("code")).isEqualTo("ai.malformed_reply");
      assertThat(error.getJsonObject("reply").getString("content")).isEqualTo("Half an ");
      assertThat(error.getJsonObject("reply").getBoolean("incomplete")).isTrue();
      JsonArray history = aiHistory(ann, "");
      assertThat(history).hasSize(2);
      assertThat(history.getJsonObject(1).getBoolean("incomplete")).isTrue();
    }
  }

  @Test
  void aConnectionDroppedMidStreamEndsAsConnectionLostAndKeepsThePartReceived() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String replyId = asked(ann, "Hang up on me [drop]").getString("id");
      JsonObject error = awaitEvent(phone, "ai.error", replyId);
      assertThat(error.getString("code")).isEqualTo("ai.connection_lost");
      assertThat(error.getJsonObject("reply").getString("content")).isEqualTo("Cut off");
      assertThat(deltaText(phone, replyId)).isEqualTo("Cut off");

      String again = asked(ann, "Still there?").getString("id");
      awaitEvent(phone, "ai.done", again);
    }
  }

  @Test
  void cancellingStoresThePartReceivedMarkedIncomplete() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      String replyId = asked(ann, "Count for a long time [long]").getString("id");
      awaitEvent(phone, "ai.delta", replyId);
      Response cancelled = api.post("/chats/ai/cancel", ann.accessToken(), null);
      assertThat(cancelled.status()).as("cancel %s", cancelled).isEqualTo(200);
      assertThat(cancelled.json().getBoolean("cancelled")).isTrue();

      JsonObject reply = awaitEvent(phone, "ai.done", replyId).getJsonObject("message");
      assertThat(reply.getBoolean("incomplete")).isTrue();
      assertThat(reply.getString("content")).startsWith("tick0 ").doesNotContain("tick599");
      assertThat(reply.getString("content")).isEqualTo(deltaText(phone, replyId));
      JsonArray history = aiHistory(ann, "");
      assertThat(history.getJsonObject(1).getBoolean("incomplete")).isTrue();
      assertThat(history.getJsonObject(1).getString("content")).isEqualTo(reply.getString("content"));
      assertThat(api.post("/chats/ai/cancel", ann.accessToken(), null).json().getBoolean("cancelled")).isFalse();
    }
  }

  @Test
  void theBridgeCommandCancelsTooAndASecondQuestionMeanwhileIsBusy() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      JsonObject question = new JsonObject().put("content", "Another long one [long]").put("clientMsgId", "long-" + UUID.randomUUID());
      Response first = api.post("/chats/ai/messages", ann.accessToken(), question);
      assertThat(first.status()).isEqualTo(202);
      String replyId = first.json().getString("id");
      awaitEvent(phone, "ai.delta", replyId);

      // a retry of the question being answered is answered with it, not refused
      Response retried = api.post("/chats/ai/messages", ann.accessToken(), question);
      assertThat(retried.status()).as("retry %s", retried).isEqualTo(200);
      assertThat(retried.json().getString("id")).isEqualTo(replyId);

      Response busy = ask(ann, "Me too?");
      assertThat(busy.status()).as("busy %s", busy).isEqualTo(409);
      assertThat(busy.errorCode()).isEqualTo("ai.busy");

      JsonObject answer = phone.awaitReply(phone.send(Addresses.CLIENT_AI_CANCEL, new JsonObject(), ann.accessToken()));
      assertThat(answer.getJsonObject("body").getBoolean("cancelled")).isTrue();
      assertThat(awaitEvent(phone, "ai.done", replyId).getJsonObject("message").getBoolean("incomplete")).isTrue();
      assertThat(aiHistory(ann, "")).extracting(m -> ((JsonObject) m).getString("content")).doesNotContain("Me too?");

      String next = asked(ann, "Now?").getString("id");
      awaitEvent(phone, "ai.done", next);
    }
  }

  @Test
  void theAiChatIsAPinnedChatWithHistoryPagingCatchUpAndSearch() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      for (int i = 1; i <= 3; i++) {
        awaitEvent(phone, "ai.done", asked(ann, "question " + i + " about otters").getString("id"));
      }
      JsonObject page = api.get("/chats/ai/messages?limit=4", ann.accessToken()).json();
      assertThat(page.getBoolean("hasMore")).isTrue();
      assertThat(page.getString("assistantId")).isEqualTo(AiChatService.ASSISTANT_ID);
      String chatId = page.getString("chatId");
      JsonArray newest = page.getJsonArray("items");
      assertThat(newest).extracting(m -> ((JsonObject) m).getLong("seq")).containsExactly(3L, 4L, 5L, 6L);
      assertThat(newest).extracting(m -> ((JsonObject) m).getString("sender"))
        .containsExactly(ann.id(), AiChatService.ASSISTANT_ID, ann.id(), AiChatService.ASSISTANT_ID);
      assertThat(aiHistory(ann, "?before=3")).extracting(m -> ((JsonObject) m).getString("content"))
        .containsExactly("question 1 about otters", "You said: question 1 about otters");
      assertThat(aiHistory(ann, "?after=5")).extracting(m -> ((JsonObject) m).getLong("seq")).containsExactly(6L);
      // the same history through the ordinary chat routes
      Response asChat = api.get("/chats/" + chatId + "/messages?after=4", ann.accessToken());
      assertThat(asChat.items()).hasSize(2);

      JsonObject listed = api.get("/chats", ann.accessToken()).items().getJsonObject(0);
      assertThat(listed.getString("id")).isEqualTo(chatId);
      assertThat(listed.getString("kind")).isEqualTo("ai");
      assertThat(listed.getBoolean("pinned")).isTrue();
      assertThat(listed.getJsonObject("lastMessage").getString("content")).isEqualTo("You said: question 3 about otters");
      assertThat(listed.getLong("unreadCount")).isEqualTo(1L);

      Response found = api.get("/messages/search?q=otters&chatId=" + chatId, ann.accessToken());
      assertThat(found.items()).hasSize(6);
    }
  }

  @Test
  void aRetriedQuestionAnswersTheStoredOneAndStartsNoSecondReply() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      JsonObject body = new JsonObject().put("content", "Only once").put("clientMsgId", "once-" + UUID.randomUUID());
      Response first = api.post("/chats/ai/messages", ann.accessToken(), body);
      assertThat(first.status()).isEqualTo(202);
      awaitEvent(phone, "ai.done", first.json().getString("id"));
      Response retry = api.post("/chats/ai/messages", ann.accessToken(), body);
      assertThat(retry.status()).as("retry %s", retry).isEqualTo(200);
      assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
      phone.settle(300);
      assertThat(eventsOf(phone, "ai.done", first.json().getString("id"))).hasSize(1);
      assertThat(aiHistory(ann, "")).hasSize(2);
    }
  }

  @Test
  void badQuestionsAreRefusedAndStoreNothing() {
    TestUser ann = users.create("ann");
    Response empty = api.post("/chats/ai/messages", ann.accessToken(), new JsonObject().put("content", "  "));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().getJsonObject("error").getJsonObject("fields").getString("content")).isNotBlank();
    Response noContent = api.post("/chats/ai/messages", ann.accessToken(), new JsonObject().put("clientMsgId", "x"));
    assertThat(noContent.status()).isEqualTo(400);
    Response reserved = api.post("/chats/ai/messages", ann.accessToken(),
      new JsonObject().put("content", "hi").put("clientMsgId", "ai-reply-123"));
    assertThat(reserved.status()).isEqualTo(400);
    Response tooLarge = ask(ann, "x".repeat(20_000));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(aiHistory(ann, "")).isEmpty();
    assertThat(api.post("/chats/ai/messages", null, new JsonObject().put("content", "hi")).status()).isEqualTo(401);
  }

  @Test
  void anotherUserCanNeitherReadNorWriteMyAiChatAndNobodyPostsToItAsAPlainChat() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient bobPhone = Live.device(stack, bob)) {
      String replyId = asked(ann, "A secret about ann").getString("id");
      awaitEvent(annPhone, "ai.done", replyId);
      String annChat = api.get("/chats/ai/messages", ann.accessToken()).json().getString("chatId");

      assertThat(api.get("/chats/" + annChat + "/messages", bob.accessToken()).errorCode()).isEqualTo("chat.not_found");
      assertThat(api.get("/chats/" + annChat, bob.accessToken()).status()).isEqualTo(404);
      Response bobWrites = api.post("/chats/" + annChat + "/messages", bob.accessToken(),
        new JsonObject().put("type", "text").put("content", "hi"));
      assertThat(bobWrites.status()).isEqualTo(404);
      JsonObject bobs = api.get("/chats/ai/messages", bob.accessToken()).json();
      assertThat(bobs.getString("chatId")).isNotEqualTo(annChat);
      assertThat(bobs.getJsonArray("items")).isEmpty();
      assertThat(Live.events(bobPhone, 300)).noneMatch(e -> e.getString("type").startsWith("ai."));
      assertThat(api.get("/messages/search?q=secret", bob.accessToken()).items()).isEmpty();

      // the owner too must ask through /chats/ai/messages: the plain send path would skip the assistant's rules
      Response plain = api.post("/chats/" + annChat + "/messages", ann.accessToken(),
        new JsonObject().put("type", "text").put("content", "sneaky").put("clientMsgId", "plain-1"));
      assertThat(plain.status()).as("plain send %s", plain).isEqualTo(403);
      assertThat(plain.errorCode()).isEqualTo("ai.use_ai_route");
      assertThat(aiHistory(ann, "")).hasSize(2);
    }
  }

  @Test
  void aReplySlotHeldByACrashedInstanceBlocksOnlyUntilItsLeaseRunsOut() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      awaitEvent(phone, "ai.done", asked(ann, "hello").getString("id"));
      MongoClient mongo = Mongo.client(stack.vertx, stack.config);
      JsonObject byAnn = new JsonObject().put("userId", ann.id());
      // another instance claimed a reply and died: its lease is still running
      JsonObject lease = new JsonObject().put("leaseId", "6b0000000000000000000abc").put("clientMsgId", "lost")
        .put("instance", "crashed").put("expiresAt", Dates.of(Instant.now().plusSeconds(30)));
      mongo.updateCollection("ai_chats", byAnn, new JsonObject().put("$set", new JsonObject().put("replyInFlight", lease))).await();
      assertThat(ask(ann, "blocked?").errorCode()).isEqualTo("ai.busy");
      // once the lease has run out, the next question takes the slot
      lease.put("expiresAt", Dates.of(Instant.now().minusSeconds(1)));
      mongo.updateCollection("ai_chats", byAnn, new JsonObject().put("$set", new JsonObject().put("replyInFlight", lease))).await();
      awaitEvent(phone, "ai.done", asked(ann, "free again?").getString("id"));
      assertThat(mongo.findOne("ai_chats", byAnn, null).await().getValue("replyInFlight")).isNull();
      mongo.close().await();
    }
  }

  @Test
  void tooManyQuestionsInAMinuteAreRefusedWithRetryAfter() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = Live.device(stack, ann)) {
      for (int i = 0; i < 6; i++) {
        awaitEvent(phone, "ai.done", asked(ann, "quick " + i).getString("id"));
      }
      Response limited = ask(ann, "one more");
      assertThat(limited.status()).as("limited %s", limited).isEqualTo(429);
      assertThat(limited.errorCode()).isEqualTo("ai.rate_limited");
      assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
      assertThat(aiHistory(ann, "?limit=100")).hasSize(12);
    }
  }

  @Test
  void aRefusedHistoryQueryDoesNotOpenTheAssistantsChat() {
    TestUser ann = users.create("ann");
    Response refused = api.get("/chats/ai/messages?before=0", ann.accessToken());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("request.invalid");
    MongoClient mongo = Mongo.client(stack.vertx, stack.config);
    try {
      assertThat(mongo.count("ai_chats", new JsonObject().put("userId", ann.id())).await()).isZero();
      assertThat(mongo.count("chats", new JsonObject().put("key", "ai:" + ann.id())).await()).isZero();
    } finally {
      mongo.close().await();
    }
    // a valid read opens it, as before
    assertThat(api.get("/chats/ai/messages", ann.accessToken()).status()).isEqualTo(200);
  }
}
