package io.rtchat.standalone;

import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat's summary (last message, last seq, the senders' read pointers) is written behind the sends, one update per
 * chat per window: acknowledged sends do not wait for it, and every read through the API sees it at once (the restart
 * after a crash: ChatSummaryRepairTest). The window here is a minute, so that nothing but a reader can make the write
 * happen during a test.
 */
class ChatSummariesTest extends StackPerClass {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(Setting.CHAT_SUMMARY_WINDOW_MILLIS.name(), "60000");
  }

  @Test
  void sendsAreAcknowledgedBeforeTheirChatIsUpdatedAndAReaderGetsOneUpdateForAllOfThem() {
    TestUser ann = users.create("sumann");
    TestUser bob = users.create("sumbob");
    String chatId = chats.direct(ann, bob);
    double writesBefore = summaryWrites();
    for (int i = 1; i <= 5; i++) {
      assertThat(chats.send(i % 2 == 0 ? bob : ann, chatId, "m" + i).getLong("seq")).isEqualTo(i);
    }
    // Five acknowledged sends and the chat document is as it was: its summary waits for the window (a minute).
    withStore(stack, mongo -> {
      JsonObject chat = mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await();
      assertThat(chat.getLong("lastSeq")).isZero();
      assertThat(chat.getValue("lastMessage")).isNull();
      return null;
    });

    // A reader does not wait for the window: its read makes the one write go, and it sees all five.
    Response seen = api.get("/chats/" + chatId, bob.accessToken());
    assertThat(seen.json().getLong("lastSeq")).isEqualTo(5L);
    assertThat(seen.json().getJsonObject("lastMessage").getString("content")).isEqualTo("m5");
    assertThat(seen.json().getLong("unreadCount")).as("bob sent m2 and m4, so he has read up to 4").isEqualTo(1L);
    assertThat(summaryWrites() - writesBefore).isEqualTo(1.0);
    withStore(stack, mongo -> {
      JsonObject chat = mongo.findOne("chats", new JsonObject().put("_id", chatId), null).await();
      assertThat(chat.getLong("lastSeq")).isEqualTo(5L);
      assertThat(chat.getJsonObject("readSeq").getLong(ann.id())).isEqualTo(5L);
      assertThat(chat.getJsonObject("readSeq").getLong(bob.id())).isEqualTo(4L);
      return null;
    });
  }

  @Test
  void theChatListSeesTheSummariesStillWaitingInTheOrderTheMessagesCame() {
    TestUser ann = users.create("lstann");
    TestUser bob = users.create("lstbob");
    TestUser cat = users.create("lstcat");
    String withBob = chats.direct(ann, bob);
    String withCat = chats.direct(ann, cat);
    chats.send(cat, withCat, "first");
    chats.send(bob, withBob, "second");
    JsonArray list = api.get("/chats", ann.accessToken()).items();
    assertThat(list.stream().map(c -> ((JsonObject) c).getString("id")).toList()).containsExactly(withBob, withCat);
    assertThat(list.getJsonObject(0).getJsonObject("lastMessage").getString("content")).isEqualTo("second");
    assertThat(list.getJsonObject(1).getLong("unreadCount")).isEqualTo(1L);
  }

  private double summaryWrites() {
    String metrics = stack.management().get("/metrics", null).raw().toString();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("rtchat_chat_summary_writes_total ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    return 0;
  }

  static <T> T withStore(TestStack on, Function<MongoClient, T> use) {
    MongoClient mongo = MongoClient.create(on.vertx, new JsonObject()
      .put("connection_string", on.config.get(Setting.MONGO_URI)).put("db_name", on.config.get(Setting.MONGO_DB)));
    try {
      return use.apply(mongo);
    } finally {
      mongo.close().await();
    }
  }
}
