package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Read receipts, edit, delete, stars, the chat's collections and message search. */
class MessageActionsTest extends StackPerClass {

  private Response read(TestUser user, String chatId, Object seq) {
    return api.post("/chats/" + chatId + "/read", user.accessToken(), new JsonObject().put("seq", seq));
  }

  private long unread(TestUser user, String chatId) {
    return api.get("/chats/" + chatId, user.accessToken()).json().getLong("unreadCount");
  }

  private List<String> contents(Response page) {
    return page.items().stream().map(m -> ((JsonObject) m).getString("content")).toList();
  }

  @Test
  void readReceiptsMoveForwardOnlyAndSendingImpliesReading() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("receipts", ann, bob);
    for (int i = 1; i <= 3; i++) {
      chats.send(ann, chatId, "a" + i);
    }
    assertThat(unread(bob, chatId)).isEqualTo(3L);
    assertThat(unread(ann, chatId)).isZero();
    Response upTo2 = read(bob, chatId, 2);
    assertThat(upTo2.json().getLong("readSeq")).isEqualTo(2L);
    assertThat(upTo2.json().getLong("unreadCount")).isEqualTo(1L);
    JsonArray history = chats.history(ann, chatId, 0);
    assertThat(history.getJsonObject(1).getJsonArray("readBy")).containsExactly(bob.id());
    assertThat(history.getJsonObject(2).getJsonArray("readBy")).isEmpty();

    assertThat(read(bob, chatId, 1).json().getLong("readSeq")).isEqualTo(2L); // never backwards
    assertThat(read(bob, chatId, 999).json().getLong("readSeq")).isEqualTo(3L); // not past the last message
    assertThat(unread(bob, chatId)).isZero();

    chats.send(ann, chatId, "a4");
    chats.send(bob, chatId, "b1"); // bob answers: he has read a4
    assertThat(unread(bob, chatId)).isZero();
    assertThat(unread(ann, chatId)).isEqualTo(1L);
    assertThat(chats.history(ann, chatId, 3).getJsonObject(0).getJsonArray("readBy")).containsExactly(bob.id());

    assertThat(read(bob, chatId, -1).status()).isEqualTo(400);
    assertThat(read(bob, chatId, "two").status()).isEqualTo(400);
    assertThat(api.post("/chats/" + chatId + "/read", bob.accessToken(), new JsonObject()).status()).isEqualTo(400);
  }

  @Test
  void onlyTheSenderEditsAndDeletesAndADeletedMessageKeepsItsPlace() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("edits", ann, bob);
    String first = chats.send(ann, chatId, "first").getString("id");
    String second = chats.send(ann, chatId, "second").getString("id");
    chats.send(ann, chatId, "third");

    assertThat(api.patch("/messages/" + first, bob.accessToken(), new JsonObject().put("content", "hijack")).errorCode())
      .isEqualTo("message.not_sender");
    assertThat(api.delete("/messages/" + first, bob.accessToken()).errorCode()).isEqualTo("message.not_sender");
    Response edited = api.patch("/messages/" + first, ann.accessToken(), new JsonObject().put("content", "first, edited"));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().getString("editedAt")).isNotNull();
    assertThat(api.patch("/messages/" + first, ann.accessToken(), new JsonObject().put("content", "")).status()).isEqualTo(400);
    assertThat(api.patch("/messages/" + first, ann.accessToken(), new JsonObject().put("content", "x".repeat(16 * 1024 + 1)))
      .errorCode()).isEqualTo("message.too_large");

    assertThat(api.delete("/messages/" + second, ann.accessToken()).status()).isEqualTo(204);
    assertThat(api.delete("/messages/" + second, ann.accessToken()).status()).isEqualTo(204);
    assertThat(api.patch("/messages/" + second, ann.accessToken(), new JsonObject().put("content", "undo")).errorCode())
      .isEqualTo("message.deleted");

    JsonArray history = chats.history(bob, chatId, 0);
    assertThat(Chats.seqs(history)).containsExactly(1L, 2L, 3L);
    assertThat(history.getJsonObject(0).getString("content")).isEqualTo("first, edited");
    assertThat(history.getJsonObject(1).getBoolean("deleted")).isTrue();
    assertThat(history.getJsonObject(1).getString("content")).isEmpty();
    assertThat(history.getJsonObject(1).getJsonArray("attachments")).isEmpty();
    assertThat(history.getJsonObject(2).getBoolean("deleted")).isFalse();

    String last = history.getJsonObject(2).getString("id");
    api.patch("/messages/" + last, ann.accessToken(), new JsonObject().put("content", "third, edited"));
    assertThat(api.get("/chats/" + chatId, bob.accessToken()).json().getJsonObject("lastMessage").getString("content"))
      .isEqualTo("third, edited");
    api.delete("/messages/" + last, ann.accessToken());
    assertThat(api.get("/chats/" + chatId, bob.accessToken()).json().getJsonObject("lastMessage").getBoolean("deleted")).isTrue();

    assertThat(api.patch("/messages/nope", ann.accessToken(), new JsonObject().put("content", "x")).status()).isEqualTo(400);
    assertThat(api.delete("/messages/0123456789abcdef01234567", ann.accessToken()).errorCode()).isEqualTo("message.not_found");
  }

  @Test
  void starsArePersonalAndFormMyStarredCollection() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = chats.groupChat("stars", ann, bob);
    String keep = chats.send(bob, chatId, "keep this").getString("id");
    chats.send(bob, chatId, "not this");
    Response starred = api.post("/messages/" + keep + "/star", ann.accessToken(), null);
    assertThat(starred.json().getJsonArray("starredBy")).containsExactly(ann.id());
    assertThat(contents(api.get("/chats/" + chatId + "/starred-messages", ann.accessToken()))).containsExactly("keep this");
    assertThat(api.get("/chats/" + chatId + "/starred-messages", bob.accessToken()).items()).isEmpty();
    assertThat(chats.history(bob, chatId, 0).getJsonObject(0).getJsonArray("starredBy")).isEmpty();

    api.post("/messages/" + keep + "/unstar", ann.accessToken(), null);
    assertThat(api.get("/chats/" + chatId + "/starred-messages", ann.accessToken()).items()).isEmpty();
    assertThat(api.post("/messages/nope/star", ann.accessToken(), null).status()).isEqualTo(400);
  }

  @Test
  void theLinksCollectionHoldsMessagesWithLinksAndMediaAndFilesHoldAttachmentsOnly() {
    TestUser ann = users.create("ann");
    String chatId = chats.groupChat("links", ann);
    chats.send(ann, chatId, "plain words, no link");
    chats.send(ann, chatId, "read https://vertx.io/docs/ and (www.example.org)");
    String gone = chats.send(ann, chatId, "http://gone.example").getString("id");
    api.delete("/messages/" + gone, ann.accessToken());
    Response links = api.get("/chats/" + chatId + "/links", ann.accessToken());
    assertThat(links.items()).hasSize(1);
    assertThat(links.items().getJsonObject(0).getJsonArray("links")).containsExactly("https://vertx.io/docs/", "www.example.org");
    assertThat(api.get("/chats/" + chatId + "/media", ann.accessToken()).items()).isEmpty();
    assertThat(api.get("/chats/" + chatId + "/files", ann.accessToken()).items()).isEmpty();
  }

  @Test
  void messageSearchLooksOnlyInMyChatsAndTakesTheQueryLiterally() {
    TestUser ann = users.create("ann");
    TestUser eve = users.create("eve");
    String mine = chats.groupChat("mine", ann);
    String other = chats.groupChat("mine too", ann);
    String hers = chats.groupChat("hers", eve);
    chats.send(ann, mine, "the Zanzibar plan");
    chats.send(ann, other, "zanzibar again");
    chats.send(eve, hers, "zanzibar secret");
    chats.send(ann, mine, "a.c literally");
    chats.send(ann, mine, "abc only");

    assertThat(contents(api.get("/messages/search?q=ZANZIBAR", ann.accessToken())))
      .containsExactlyInAnyOrder("the Zanzibar plan", "zanzibar again");
    assertThat(contents(api.get("/messages/search?q=zanzibar&chatId=" + mine, ann.accessToken()))).containsExactly("the Zanzibar plan");
    assertThat(contents(api.get("/messages/search?q=zanzibar", eve.accessToken()))).containsExactly("zanzibar secret");
    assertThat(api.get("/messages/search?q=zanzibar&chatId=" + mine, eve.accessToken()).errorCode()).isEqualTo("chat.not_found");
    assertThat(contents(api.get("/messages/search?q=a.c", ann.accessToken()))).containsExactly("a.c literally");
    assertThat(api.get("/messages/search", ann.accessToken()).status()).isEqualTo(400);
    Response firstPage = api.get("/messages/search?q=zanzibar&limit=1", ann.accessToken());
    assertThat(firstPage.json().getBoolean("hasMore")).isTrue();
    Response next = api.get("/messages/search?q=zanzibar&limit=1&before=" + firstPage.items().getJsonObject(0).getString("id"),
      ann.accessToken());
    assertThat(contents(next)).hasSize(1).doesNotContainAnyElementsOf(contents(firstPage));
  }
}
