package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.Groups;
import io.rtchat.standalone.support.MediaFiles;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Sending and reading history: seq without gaps, idempotent retries, catch-up, limits and who may do what. */
class MessagesTest extends StackPerClass {

  /** A client with many connections, so requests really reach the server at the same time. */
  private WebClient parallelClient() {
    return WebClient.create(stack.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(stack.port),
      new PoolOptions().setHttp1MaxSize(32));
  }

  private Response post(TestUser user, String chatId, JsonObject body) {
    return api.post("/chats/" + chatId + "/messages", user.accessToken(), body);
  }

  @Test
  void concurrentSendersGetSeqsOneToNWithoutGapsOrDuplicates() {
    TestUser[] senders = {users.create("cs1"), users.create("cs2"), users.create("cs3"), users.create("cs4")};
    String chatId = chats.groupChat("busy", senders[0], senders[1], senders[2], senders[3]);
    WebClient client = parallelClient();
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      for (TestUser sender : senders) {
        all.add(client.post("/api/v1/chats/" + chatId + "/messages").putHeader("Authorization", "Bearer " + sender.accessToken())
          .sendJsonObject(Chats.text(sender.username() + "-" + i)));
      }
    }
    Future.all(all).await();
    assertThat(all).allSatisfy(f -> assertThat(f.result().statusCode()).isEqualTo(201));
    List<Long> answered = all.stream().map(f -> f.result().bodyAsJsonObject().getLong("seq")).sorted().toList();
    List<Long> expected = LongStream.rangeClosed(1, 100).boxed().toList();
    assertThat(answered).isEqualTo(expected);
    assertThat(Chats.seqs(chats.history(senders[0], chatId, 0))).isEqualTo(expected);
    client.close();
  }

  @Test
  void aRetriedSendAnswersTheSameMessageAndStoresOneCopy() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("retry", ann, bob);
    JsonObject body = Chats.text("client-1", "hello once");
    Response first = post(ann, chatId, body);
    Response again = post(ann, chatId, body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(again.json().getLong("seq")).isEqualTo(first.json().getLong("seq"));
    JsonArray history = chats.history(bob, chatId, 0);
    assertThat(history).hasSize(1);
    assertThat(chats.history(ann, chatId, 0).getJsonObject(0).getString("clientMsgId")).isEqualTo("client-1");
  }

  @Test
  void aClientMsgIdIsTheSendersOwnAndHiddenFromTheOthers() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("claims", ann, bob);
    Response annFirst = post(ann, chatId, Chats.text("shared-id", "from ann"));
    assertThat(annFirst.status()).isEqualTo(201);
    // bob cannot see ann's id, and using the same one is a new message of his, not a retry of hers
    JsonArray seenByBob = chats.history(bob, chatId, 0);
    assertThat(seenByBob.getJsonObject(0).getValue("clientMsgId")).isNull();
    Response bobs = post(bob, chatId, Chats.text("shared-id", "from bob"));
    assertThat(bobs.status()).isEqualTo(201);
    assertThat(bobs.json().getString("id")).isNotEqualTo(annFirst.json().getString("id"));
    assertThat(bobs.json().getString("clientMsgId")).isEqualTo("shared-id");
    // each one's retry still answers their own message
    assertThat(post(ann, chatId, Chats.text("shared-id", "from ann")).json().getString("id")).isEqualTo(annFirst.json().getString("id"));
    assertThat(post(bob, chatId, Chats.text("shared-id", "from bob")).json().getString("id")).isEqualTo(bobs.json().getString("id"));
    assertThat(chats.history(ann, chatId, 0)).extracting(m -> ((JsonObject) m).getString("content")).containsExactly("from ann", "from bob");
  }

  @Test
  void concurrentRetriesOfOneSendStoreOneCopy() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("race", ann);
    JsonObject body = Chats.text("same-" + UUID.randomUUID(), "only once");
    WebClient client = parallelClient();
    List<Future<HttpResponse<Buffer>>> tries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tries.add(client.post("/api/v1/chats/" + chatId + "/messages").putHeader("Authorization", "Bearer " + ann.accessToken())
        .sendJsonObject(body));
    }
    Future.all(tries).await();
    assertThat(tries.stream().map(f -> f.result().statusCode()).filter(s -> s == 201)).hasSize(1);
    assertThat(tries.stream().map(f -> f.result().statusCode())).allMatch(s -> s == 201 || s == 200);
    assertThat(tries.stream().map(f -> f.result().bodyAsJsonObject().getString("id")).distinct()).hasSize(1);
    assertThat(chats.history(ann, chatId, 0)).hasSize(1);
    client.close();
  }

  @Test
  void aClientThatWasAwayGetsExactlyWhatItMissedWithAfter() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("catch-up", ann, bob);
    for (int i = 1; i <= 3; i++) {
      chats.send(ann, chatId, "seen " + i);
    }
    long lastSeen = Chats.seqs(chats.history(bob, chatId, 0)).get(2);
    for (int i = 1; i <= 25; i++) {
      chats.send(i % 2 == 0 ? ann : bob, chatId, "missed " + i);
    }
    JsonArray missed = chats.history(bob, chatId, lastSeen, 10);
    assertThat(Chats.seqs(missed)).isEqualTo(LongStream.rangeClosed(lastSeen + 1, lastSeen + 25).boxed().toList());
    assertThat(missed.getJsonObject(0).getString("content")).isEqualTo("missed 1");
    assertThat(missed.getJsonObject(24).getString("content")).isEqualTo("missed 25");
  }

  @Test
  void historyPagesBackwardsWithBeforeOldestFirstWithinAPage() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("pages", ann);
    for (int i = 1; i <= 7; i++) {
      chats.send(ann, chatId, "m" + i);
    }
    Response newest = api.get("/chats/" + chatId + "/messages?limit=3", ann.accessToken());
    assertThat(Chats.seqs(newest.items())).containsExactly(5L, 6L, 7L);
    assertThat(newest.json().getBoolean("hasMore")).isTrue();
    Response older = api.get("/chats/" + chatId + "/messages?limit=3&before=5", ann.accessToken());
    assertThat(Chats.seqs(older.items())).containsExactly(2L, 3L, 4L);
    Response oldest = api.get("/chats/" + chatId + "/messages?limit=3&before=2", ann.accessToken());
    assertThat(Chats.seqs(oldest.items())).containsExactly(1L);
    assertThat(oldest.json().getBoolean("hasMore")).isFalse();
  }

  @Test
  void everySeedTypeCanBeSentAndContentRulesHold() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("types", ann);
    Response emoji = post(ann, chatId, new JsonObject().put("clientMsgId", "e1").put("type", "emoji").put("content", "🎉"));
    assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
    Response link = post(ann, chatId, new JsonObject().put("clientMsgId", "l1").put("type", "link")
      .put("content", "see https://example.org/a?b=1."));
    assertThat(link.status()).isEqualTo(201);
    assertThat(link.json().getJsonArray("links")).containsExactly("https://example.org/a?b=1");
    Response linkWithoutLink = post(ann, chatId, new JsonObject().put("clientMsgId", "l2").put("type", "link").put("content", "no url"));
    assertThat(linkWithoutLink.status()).isEqualTo(400);
    for (String type : List.of("image", "file", "video", "audio")) {
      Response noAttachment = post(ann, chatId, new JsonObject().put("clientMsgId", type).put("type", type).put("content", "caption"));
      assertThat(noAttachment.status()).as(type).isEqualTo(400);
      assertThat(noAttachment.json().getJsonObject("error").getJsonObject("fields").containsKey("attachmentIds")).isTrue();
    }
    Response textWithAttachment = post(ann, chatId, Chats.text("t-att", "hi")
      .put("attachmentIds", new JsonArray().add("0123456789abcdef01234567")));
    assertThat(textWithAttachment.status()).isEqualTo(400);
    assertThat(Chats.seqs(chats.history(ann, chatId, 0))).containsExactly(1L, 2L);
  }

  @Test
  void badInputIsRefusedAndNothingIsStored() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("bad", ann);
    assertThat(post(ann, chatId, new JsonObject().put("clientMsgId", "x").put("type", "poem").put("content", "hi")).errorCode())
      .isEqualTo("request.invalid");
    assertThat(post(ann, chatId, new JsonObject().put("clientMsgId", "x").put("content", "hi")).status()).isEqualTo(400);
    assertThat(post(ann, chatId, new JsonObject().put("clientMsgId", "x").put("type", "text").put("content", "  ")).status()).isEqualTo(400);
    assertThat(post(ann, chatId, new JsonObject().put("clientMsgId", "x").put("type", "text").put("content", 42)).status()).isEqualTo(400);
    assertThat(post(ann, chatId, Chats.text("y".repeat(65), "hi")).status()).isEqualTo(400);
    Response tooLarge = post(ann, chatId, Chats.text("big", "é".repeat(8 * 1024 + 1)));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.errorCode()).isEqualTo("message.too_large");
    assertThat(post(ann, chatId, Chats.text("max", "a".repeat(16 * 1024))).status()).isEqualTo(201);
    assertThat(post(ann, "not-an-id", Chats.text("hi")).errorCode()).isEqualTo("request.invalid_id");
    assertThat(api.get("/chats/" + chatId + "/messages?after=abc", ann.accessToken()).status()).isEqualTo(400);
    assertThat(api.get("/chats/" + chatId + "/messages?after=-1", ann.accessToken()).status()).isEqualTo(400);
    assertThat(Chats.seqs(chats.history(ann, chatId, 0))).containsExactly(1L);
  }

  @Test
  void aStrangersSendIsRefusedForMembershipBeforeItsBodyIsRead() {
    TestUser ann = users.create("ann");
    TestUser eve = users.create("eve");
    String chatId = chats.groupChat("closed", ann);
    // A body that would be refused as invalid, and one full of link candidates: a stranger learns only "not found",
    // so the body (its validation and link parsing) was never looked at.
    assertThat(post(eve, chatId, new JsonObject().put("type", "text")).errorCode()).isEqualTo("chat.not_found");
    String links = "http://a.example/" + ")".repeat(2_000) + " https://b.example ".repeat(500);
    assertThat(post(eve, chatId, Chats.text(links)).errorCode()).isEqualTo("chat.not_found");
    // A member's invalid body is still a validation error.
    assertThat(post(ann, chatId, new JsonObject().put("type", "text")).status()).isEqualTo(400);
  }

  @Test
  void nonParticipantsCanNeitherReadNorPostNorLearnThatTheChatExists() {
    TestUser ann = users.create("ann");
    TestUser eve = users.create("eve");
    String chatId = chats.groupChat("private", ann);
    JsonObject message = chats.send(ann, chatId, "secret");
    String unknownChat = "0123456789abcdef01234567";
    for (String id : List.of(chatId, unknownChat)) {
      assertThat(api.get("/chats/" + id, eve.accessToken()).errorCode()).isEqualTo("chat.not_found");
      assertThat(api.get("/chats/" + id + "/messages", eve.accessToken()).errorCode()).isEqualTo("chat.not_found");
      assertThat(post(eve, id, Chats.text("intrusion")).errorCode()).isEqualTo("chat.not_found");
      assertThat(api.post("/chats/" + id + "/read", eve.accessToken(), new JsonObject().put("seq", 1)).errorCode())
        .isEqualTo("chat.not_found");
      assertThat(api.post("/chats/" + id + "/pin", eve.accessToken(), null).errorCode()).isEqualTo("chat.not_found");
      for (String collection : List.of("starred-messages", "media", "links", "files")) {
        assertThat(api.get("/chats/" + id + "/" + collection, eve.accessToken()).errorCode()).isEqualTo("chat.not_found");
      }
    }
    String messageId = message.getString("id");
    assertThat(api.post("/messages/" + messageId + "/star", eve.accessToken(), null).errorCode()).isEqualTo("message.not_found");
    assertThat(api.patch("/messages/" + messageId, eve.accessToken(), new JsonObject().put("content", "x")).errorCode())
      .isEqualTo("message.not_found");
    assertThat(api.delete("/messages/" + messageId, eve.accessToken()).errorCode()).isEqualTo("message.not_found");
    assertThat(api.get("/messages/search?q=secret&chatId=" + chatId, eve.accessToken()).errorCode()).isEqualTo("chat.not_found");
    assertThat(api.get("/messages/search?q=secret", eve.accessToken()).items()).isEmpty();
    assertThat(api.get("/chats", eve.accessToken()).items()).isEmpty();
    JsonArray history = chats.history(ann, chatId, 0);
    assertThat(history).hasSize(1);
    assertThat(history.getJsonObject(0).getJsonArray("starredBy")).isEmpty();
  }

  @Test
  void messagesLiveInTheirOwnCollectionWithUniqueSeqAndClientMsgIdIndexesFromStartUp() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("storage", ann);
    chats.send(ann, chatId, "stored apart");
    // The chat's summary is written behind the send; a read through the API waits for it.
    assertThat(api.get("/chats/" + chatId, ann.accessToken()).json().getLong("lastSeq")).isEqualTo(1L);
    MongoClient mongo = MongoClient.create(stack.vertx, new JsonObject()
      .put("connection_string", stack.config.get(Setting.MONGO_URI)).put("db_name", stack.config.get(Setting.MONGO_DB)));
    try {
      List<JsonObject> unique = mongo.listIndexes("messages").await().stream().map(JsonObject.class::cast)
        .filter(i -> i.getBoolean("unique", false)).toList();
      assertThat(unique).extracting(i -> i.getJsonObject("key").fieldNames().stream().toList())
        .contains(List.of("chatId", "seq"), List.of("chatId", "sender", "clientMsgId"))
        .doesNotContain(List.of("chatId", "clientMsgId"));
      JsonObject chat = mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await();
      assertThat(chat.fieldNames()).doesNotContain("messages");
      assertThat(chat.getLong("lastSeq")).isEqualTo(1L);
      assertThat(mongo.count("messages", new JsonObject().put("chatId", chatId)).await()).isEqualTo(1L);
    } finally {
      mongo.close().await();
    }
  }

  @Test
  void aMemberWhoLeftTheGroupCanNoLongerReadOrPost() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    Groups.TestGroup group = stack.groups().withMembers(ann, bob);
    chats.send(bob, group.chatId(), "before leaving");
    assertThat(api.post("/groups/" + group.id() + "/leave", bob.accessToken(), null).status()).isEqualTo(204);
    assertThat(api.get("/chats/" + group.chatId() + "/messages", bob.accessToken()).errorCode()).isEqualTo("chat.not_found");
    assertThat(post(bob, group.chatId(), Chats.text("after leaving")).errorCode()).isEqualTo("chat.not_found");
    assertThat(api.get("/messages/search?q=leaving", bob.accessToken()).items()).isEmpty();
    assertThat(chats.history(ann, group.chatId(), 0)).hasSize(1);
  }

  @Test
  void attachmentsMustBeReadyAndFromThisChatAndGoWhenTheMessageIsDeleted() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("pictures", ann, bob);
    String otherChat = chats.groupChat("elsewhere", ann);
    MediaFiles media = new MediaFiles(stack);
    byte[] png = MediaFiles.image(16, 16, "png");
    String here = media.upload(ann.accessToken(), MediaFiles.attachment(chatId, "here.png", "image/png", png.length), png)
      .getString("id");
    String there = media.upload(ann.accessToken(), MediaFiles.attachment(otherChat, "there.png", "image/png", png.length), png)
      .getString("id");
    JsonObject image = new JsonObject().put("clientMsgId", "img").put("type", "image").put("content", "a caption");

    for (String refused : List.of(there, "0123456789abcdef01234567")) {
      Response sent = post(ann, chatId, image.copy().put("attachmentIds", new JsonArray().add(refused)));
      assertThat(sent.status()).as(sent.toString()).isBetween(400, 499);
    }
    assertThat(post(bob, chatId, image.copy().put("attachmentIds", new JsonArray().add(here))).status()).isBetween(400, 499);
    Response wrongKind = post(ann, chatId, image.copy().put("type", "video").put("attachmentIds", new JsonArray().add(here)));
    assertThat(wrongKind.errorCode()).isEqualTo("message.attachment_invalid");
    assertThat(chats.history(ann, chatId, 0)).isEmpty();

    Response sent = post(ann, chatId, image.copy().put("attachmentIds", new JsonArray().add(here)));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    assertThat(sent.json().getJsonArray("attachments").getJsonObject(0).getString("id")).isEqualTo(here);
    assertThat(sent.json().getString("content")).isEqualTo("a caption");
    assertThat(api.get("/chats/" + chatId + "/media", bob.accessToken()).items()).hasSize(1);

    assertThat(api.delete("/messages/" + sent.json().getString("id"), ann.accessToken()).status()).isEqualTo(204);
    assertThat(api.get("/chats/" + chatId + "/media", bob.accessToken()).items()).isEmpty();
    JsonObject deleted = chats.history(bob, chatId, 0).getJsonObject(0);
    assertThat(deleted.getJsonArray("attachments")).isEmpty();
    assertThat(deleted.getString("content")).isEmpty();
  }
}
