package io.rtchat.standalone;

import com.mongodb.MongoBulkWriteException;
import io.rtchat.chat.store.ChatMigrations;
import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.Groups.TestGroup;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send path's group commit and in-memory chats, through the real stack: what the store does with one ordered bulk
 * insert that hits a duplicate (what the batch writer relies on), a retry mixed into a batch of new sends, and a member
 * who left a group whose chat this instance holds in memory.
 */
class GroupCommitTest extends StackPerClass {

  private static JsonObject message(String id, String chatId, long seq, String clientMsgId) {
    return new JsonObject().put("_id", id).put("chatId", chatId).put("seq", seq).put("clientMsgId", clientMsgId)
      .put("sender", "s").put("type", "text").put("content", "x");
  }

  /** A client of the stack's database of its own, to use the stores directly. */
  private MongoClient storeClient() {
    return MongoClient.create(stack.vertx, new JsonObject()
      .put("connection_string", stack.config.get(Setting.MONGO_URI)).put("db_name", stack.config.get(Setting.MONGO_DB)));
  }

  /** A 1:1 chat of ann and bob written straight to the store, as an earlier write (or version) left it. */
  private static String insertChat(MongoClient mongo, String prefix, long lastSeq, JsonObject lastMessage) {
    String chatId = prefix + System.nanoTime();
    mongo.insert("chats", new JsonObject().put("_id", chatId).put("key", "test:" + chatId).put("lastSeq", lastSeq)
      .put("participants", new JsonArray().add("ann").add("bob")).put("lastMessage", lastMessage)).await();
    return chatId;
  }

  @Test
  void anOrderedBulkInsertStopsAtTheFirstDuplicateSoOnlyAPrefixIsStoredAndTheErrorNamesIt() {
    MongoClient mongo = storeClient();
    try {
      MessageStore store = new MessageStore(mongo);
      String chatId = "bulk-" + System.nanoTime();
      store.insertAll(List.of(message("b0-" + chatId, chatId, 1, "first"))).await();

      List<JsonObject> batch = List.of(
        message("b1-" + chatId, chatId, 2, "new-1"),
        message("b2-" + chatId, chatId, 3, "first"), // a retry: its clientMsgId is taken
        message("b3-" + chatId, chatId, 4, "new-2"));
      Future<Void> insert = store.insertAll(batch);
      Throwable failure = insert.transform(ar -> Future.succeededFuture(ar.cause())).await();

      assertThat(failure).isNotNull();
      assertThat(Mongo.isDuplicateKey(failure)).isTrue();
      assertThat(failure).isInstanceOf(MongoBulkWriteException.class);
      assertThat(((MongoBulkWriteException) failure).getWriteErrors()).singleElement()
        .satisfies(error -> assertThat(error.getIndex()).isEqualTo(1));
      Set<String> stored = store.storedOf(batch.stream().map(d -> d.getString("_id")).toList()).await();
      assertThat(stored).containsExactly("b1-" + chatId);
    } finally {
      mongo.close();
    }
  }

  @Test
  void aLateRecordOfAnOlderBatchKeepsTheNewerLastMessageButStillMovesItsSendersReadPointer() {
    MongoClient mongo = storeClient();
    try {
      ChatStore store = new ChatStore(mongo);
      String chatId = insertChat(mongo, "late-", 0, null);

      // Another instance recorded seq 5 (Bob's) first; this instance's batch with Ann's seq 3 lands after it.
      store.recordMessages(List.of(new ChatStore.ChatRecord(chatId, 5, new JsonObject().put("seq", 5).put("sender", "bob"),
        Dates.now(), Map.of("bob", 5L)))).await();
      store.recordMessages(List.of(new ChatStore.ChatRecord(chatId, 3, new JsonObject().put("seq", 3).put("sender", "ann"),
        Dates.now(), Map.of("ann", 3L)))).await();

      JsonObject chat = mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await();
      assertThat(chat.getLong("lastSeq")).isEqualTo(5L);
      assertThat(chat.getJsonObject("lastMessage").getString("sender")).isEqualTo("bob");
      assertThat(chat.getJsonObject("readSeq").getLong("ann")).isEqualTo(3L);
      assertThat(chat.getJsonObject("readSeq").getLong("bob")).isEqualTo(5L);
    } finally {
      mongo.close();
    }
  }

  @Test
  void aSummaryStoredByAnEarlierVersionIdFirstIsRewrittenOnceSoNewerMessagesReplaceIt() {
    MongoClient mongo = storeClient();
    try {
      ChatStore store = new ChatStore(mongo);
      String chatId = insertChat(mongo, "legacy-", 2, new JsonObject().put("id", "m2").put("seq", 2L).put("sender", "ann"));
      ChatStore.ChatRecord third = new ChatStore.ChatRecord(chatId, 3, new JsonObject().put("seq", 3L).put("id", "m3")
        .put("sender", "bob"), Dates.now(), Map.of("bob", 3L));

      // The premise: an id-first summary compares above any seq-first one, so $max alone never replaces it.
      store.recordMessages(List.of(third)).await();
      assertThat(mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await()
        .getJsonObject("lastMessage").getString("id")).isEqualTo("m2");

      mongo.removeDocuments("migrations", new JsonObject().put("_id", "chats.lastMessage.seq-first")).await();
      new ChatMigrations(mongo).run().await();
      store.recordMessages(List.of(third)).await();
      JsonObject chat = mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await();
      assertThat(chat.getJsonObject("lastMessage").getString("id")).isEqualTo("m3");
      assertThat(chat.getLong("lastSeq")).isEqualTo(3L);
      assertThat(mongo.findOne("migrations", new JsonObject().put("_id", "chats.lastMessage.seq-first"), null).await()).isNotNull();
      // run at every start: once marked done, running again changes nothing
      new ChatMigrations(mongo).run().await();
      assertThat(mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await()).isEqualTo(chat);
    } finally {
      mongo.close();
    }
  }

  @Test
  void aRetryAmongConcurrentNewSendsAnswersTheStoredMessageAndLeavesNoGap() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("batch", ann);
    JsonObject first = Chats.text("first", "stored before");
    Response stored = api.post("/chats/" + chatId + "/messages", ann.accessToken(), first);
    assertThat(stored.status()).isEqualTo(201);

    WebClient client = WebClient.create(stack.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(stack.port), new PoolOptions().setHttp1MaxSize(16));
    try {
      List<JsonObject> bodies = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        bodies.add(i % 4 == 1 ? first : Chats.text("new-" + i, "new " + i));
      }
      List<Future<HttpResponse<Buffer>>> sent = bodies.stream().map(body -> client.post("/api/v1/chats/" + chatId + "/messages")
        .putHeader("Authorization", "Bearer " + ann.accessToken()).sendJsonObject(body)).toList();
      Future.all(sent).await();

      for (int i = 0; i < bodies.size(); i++) {
        HttpResponse<Buffer> answer = sent.get(i).result();
        if (bodies.get(i) == first) {
          assertThat(answer.statusCode()).as("a retry answers the stored message").isEqualTo(200);
          assertThat(answer.bodyAsJsonObject().getString("id")).isEqualTo(stored.json().getString("id"));
        } else {
          assertThat(answer.statusCode()).isEqualTo(201);
        }
      }
    } finally {
      client.close();
    }
    assertThat(Chats.seqs(chats.history(ann, chatId, 0)))
      .isEqualTo(LongStream.rangeClosed(1, 10).boxed().toList());
  }

  @Test
  void aMemberWhoLeftCannotSendThoughTheChatWasInMemory() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestGroup group = stack.groups().withMembers(ann, bob);
    chats.send(bob, group.chatId(), "before leaving"); // the chat is now held in memory

    Response removed = api.delete("/groups/" + group.id() + "/members/" + bob.id(), ann.accessToken());
    assertThat(removed.status()).isEqualTo(200);

    // The change was announced before group-service was answered, so it is in effect before any later send.
    Response refused = api.post("/chats/" + group.chatId() + "/messages", bob.accessToken(), Chats.text("after leaving"));
    assertThat(refused.errorCode()).isEqualTo("chat.not_found");
    assertThat(chats.send(ann, group.chatId(), "still mine").getLong("seq")).isEqualTo(2L);
  }
}
