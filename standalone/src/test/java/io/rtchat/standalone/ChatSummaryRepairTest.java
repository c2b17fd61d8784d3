package io.rtchat.standalone;

import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.rtchat.standalone.ChatSummariesTest.withStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash inside the summary window leaves a chat's messages stored and its summary behind them (ChatSummaries writes
 * it behind the sends); the next start restores it from the messages. The crash's leftover is made by setting the
 * stored chat back, then the server is stopped and started again on the same DATA_DIR (file backend).
 */
class ChatSummaryRepairTest {

  @Test
  void aRestartRestoresTheSummariesACrashKeptFromBeingWritten() throws Exception {
    Path dataDir = Files.createTempDirectory("rtchat-summaries");
    Map<String, String> settings = Map.of("DATA_DIR", dataDir.toString(), "MONGO_EMBEDDED_BACKEND", "file");
    String chatId;
    TestUser ann;
    TestUser bob;
    try (TestStack first = TestStack.start(settings)) {
      Chats firstChats = new Chats(first);
      ann = first.users().create("crsann");
      bob = first.users().create("crsbob");
      chatId = firstChats.direct(ann, bob);
      firstChats.send(ann, chatId, "one");
      firstChats.send(bob, chatId, "two");
      firstChats.send(ann, chatId, "three");
      assertThat(first.api().get("/chats/" + chatId, ann.accessToken()).json().getLong("lastSeq")).isEqualTo(3L);
      // What a crash inside the window leaves: the messages stored, the chat still at the first one.
      withStore(first, mongo -> mongo.updateCollection("chats", new JsonObject().put("_id", chatId), new JsonObject()
        .put("$set", new JsonObject().put("lastSeq", 1L).put("readSeq", new JsonObject().put(ann.id(), 1L))
          .put("lastMessage", mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await()
            .getJsonObject("lastMessage").put("seq", 1L).put("content", "one")))).await());
      assertThat(first.api().get("/chats/" + chatId, bob.accessToken()).json().getLong("lastSeq")).isEqualTo(1L);
    }
    try (TestStack second = TestStack.start(settings)) {
      JsonObject forBob = second.api().get("/chats/" + chatId, bob.accessToken()).json();
      assertThat(forBob.getLong("lastSeq")).isEqualTo(3L);
      assertThat(forBob.getJsonObject("lastMessage").getString("content")).isEqualTo("three");
      assertThat(forBob.getLong("unreadCount")).as("bob sent two").isEqualTo(1L);
      assertThat(second.api().get("/chats/" + chatId, ann.accessToken()).json().getLong("unreadCount")).isZero();
    }
  }
}
