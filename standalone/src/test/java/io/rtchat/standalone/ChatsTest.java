package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Groups;
import io.rtchat.standalone.support.Live;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 1:1 chats between friends, my chat list (pins, activity, unread counts) and chat search. */
class ChatsTest extends StackPerClass {

  private Response open(TestUser from, String otherId) {
    return api.post("/chats", from.accessToken(), new JsonObject().put("participantId", otherId));
  }

  private String direct(TestUser a, TestUser b) {
    users.befriend(a, b);
    Response opened = open(a, b.id());
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    return opened.json().getString("id");
  }

  private List<String> ids(JsonArray chatList) {
    return chatList.stream().map(c -> ((JsonObject) c).getString("id")).toList();
  }

  @Test
  void friendsHaveExactlyOneDirectChatWhoeverOpensIt() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String chatId = direct(ann, bob);
    Response again = open(ann, bob.id());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(chatId);
    Response fromBob = open(bob, ann.id());
    assertThat(fromBob.status()).isEqualTo(200);
    assertThat(fromBob.json().getString("id")).isEqualTo(chatId);
    JsonObject chat = api.get("/chats/" + chatId, bob.accessToken()).json();
    assertThat(chat.getBoolean("isGroup")).isFalse();
    assertThat(chat.getJsonArray("participants")).containsExactlyInAnyOrder(ann.id(), bob.id());
    assertThat(chat.getLong("unreadCount")).isZero();
  }

  @Test
  void aDirectChatNeedsAFriend() {
    TestUser ann = users.create("ann");
    TestUser eve = users.create("eve");
    assertThat(open(ann, eve.id()).errorCode()).isEqualTo("chat.not_friend");
    assertThat(open(ann, "0123456789abcdef01234567").errorCode()).isEqualTo("chat.not_friend");
    assertThat(open(ann, ann.id()).status()).isEqualTo(400);
    assertThat(open(ann, "nope").status()).isEqualTo(400);
    assertThat(api.post("/chats", ann.accessToken(), new JsonObject()).status()).isEqualTo(400);
    assertThat(api.get("/chats", ann.accessToken()).items()).isEmpty();
  }

  @Test
  void myChatsComePinnedFirstThenByLastActivityWithUnreadCounts() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    TestUser cat = users.create("cat");
    String withBob = direct(ann, bob);
    String withCat = direct(ann, cat);
    String group = chats.groupChat("book club", ann, bob, cat);
    chats.send(bob, withBob, "from bob");
    chats.send(cat, withCat, "from cat 1");
    chats.send(cat, withCat, "from cat 2");
    chats.send(ann, group, "mine");

    JsonArray list = api.get("/chats", ann.accessToken()).items();
    assertThat(ids(list)).containsExactly(group, withCat, withBob);
    assertThat(list.getJsonObject(0).getLong("unreadCount")).isZero();
    assertThat(list.getJsonObject(1).getLong("unreadCount")).isEqualTo(2L);
    assertThat(list.getJsonObject(1).getJsonObject("lastMessage").getString("content")).isEqualTo("from cat 2");
    assertThat(list.getJsonObject(2).getLong("unreadCount")).isEqualTo(1L);

    Response pinned = api.post("/chats/" + withBob + "/pin", ann.accessToken(), null);
    assertThat(pinned.json().getBoolean("pinned")).isTrue();
    assertThat(ids(api.get("/chats", ann.accessToken()).items())).containsExactly(withBob, group, withCat);
    assertThat(ids(api.get("/chats", bob.accessToken()).items())).containsExactly(group, withBob); // pins are personal
    assertThat(api.get("/chats/" + withBob, bob.accessToken()).json().getJsonArray("pinnedBy")).isEmpty();

    api.post("/chats/" + withBob + "/unpin", ann.accessToken(), null);
    assertThat(ids(api.get("/chats", ann.accessToken()).items())).containsExactly(group, withCat, withBob);
  }

  @Test
  void chatListPagesByLastActivity() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    String older = chats.groupChat("older", ann, bob);
    String newer = chats.groupChat("newer", ann, bob);
    chats.send(bob, older, "1");
    chats.send(bob, newer, "2");
    Response first = api.get("/chats?limit=1", ann.accessToken());
    assertThat(ids(first.items())).containsExactly(newer);
    assertThat(first.json().getBoolean("hasMore")).isTrue();
    String cursor = first.items().getJsonObject(0).getString("updatedAt");
    Response second = api.get("/chats?limit=1&before=" + cursor, ann.accessToken());
    assertThat(ids(second.items())).containsExactly(older);
    assertThat(second.json().getBoolean("hasMore")).isFalse();
    assertThat(api.get("/chats?before=yesterday", ann.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void chatSearchFindsGroupsByNameAndDirectChatsByTheOtherPersonOnlyAmongMine() {
    TestUser ann = users.create("ann");
    TestUser zed = users.create("zedekiah");
    TestUser eve = users.create("eve");
    String withZed = direct(ann, zed);
    String group = chats.groupChat("Quantum Knitting", ann);
    chats.groupChat("Quantum Knitting too", eve);
    assertThat(ids(api.get("/chats/search?q=zedek", ann.accessToken()).items())).containsExactly(withZed);
    assertThat(ids(api.get("/chats/search?q=" + zed.username().toUpperCase(), ann.accessToken()).items())).containsExactly(withZed);
    assertThat(ids(api.get("/chats/search?q=quantum%20knit", ann.accessToken()).items())).containsExactly(group);
    assertThat(api.get("/chats/search?q=zedek", eve.accessToken()).items()).isEmpty();
    assertThat(api.get("/chats/search", ann.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void someoneWhoJoinsAGroupStartsWithNothingUnreadButCanReadTheHistory() {
    TestUser ann = users.create("ann");
    TestUser bob = users.create("bob");
    Groups.TestGroup group = stack.groups().withMembers(ann);
    chats.send(ann, group.chatId(), "before bob");
    chats.send(ann, group.chatId(), "still before bob");
    api.post("/groups/" + group.id() + "/invite", ann.accessToken(), new JsonObject().put("userIds", new JsonArray().add(bob.id())));
    assertThat(api.post("/groups/" + group.id() + "/accept", bob.accessToken(), null).status()).isEqualTo(200);
    assertThat(api.get("/chats/" + group.chatId(), bob.accessToken()).json().getLong("unreadCount")).isZero();
    chats.send(ann, group.chatId(), "welcome bob");
    assertThat(api.get("/chats/" + group.chatId(), bob.accessToken()).json().getLong("unreadCount")).isEqualTo(1L);
    assertThat(chats.history(bob, group.chatId(), 0)).hasSize(3);
  }

  @Test
  void aGroupChatUpdateShowsEachMemberOnlyTheirOwnPin() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    Groups.TestGroup g = stack.groups().withMembers(ann, ben);
    assertThat(api.post("/chats/" + g.chatId() + "/pin", ann.accessToken(), null).status()).isEqualTo(200);
    try (BridgeClient annPhone = Live.device(stack, ann); BridgeClient benPhone = Live.device(stack, ben)) {
      assertThat(api.patch("/groups/" + g.id(), ann.accessToken(), new JsonObject().put("name", "Pins")).status())
        .isEqualTo(200);
      for (BridgeClient phone : List.of(annPhone, benPhone)) {
        JsonObject updated = phone.awaitEvent("chat.updated", d -> "Pins".equals(d.getString("name"))).getJsonObject("data");
        assertThat(updated.getString("id")).isEqualTo(g.chatId());
        assertThat(updated.fieldNames()).as("a shared chat event").doesNotContain("pinnedBy");
      }
    }
    // Each still reads their own pin state over REST.
    assertThat(api.get("/chats/" + g.chatId(), ann.accessToken()).json().getBoolean("pinned")).isTrue();
    assertThat(api.get("/chats/" + g.chatId(), ben.accessToken()).json().getBoolean("pinned")).isFalse();
  }
}
