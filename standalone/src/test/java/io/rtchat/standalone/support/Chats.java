package io.rtchat.standalone.support;

import io.rtchat.common.Addresses;
import io.rtchat.common.Inbox;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Chats and messages the way a client makes them, for tests. */
public final class Chats {

  private final TestStack stack;
  private final ApiClient api;

  public Chats(TestStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  /**
   * The chat of a new group named {@code name}: the first user creates the group (POST /groups), the others accept
   * its invitation, then it is renamed so tests can search for it.
   */
  public String groupChat(String name, TestUser owner, TestUser... members) {
    Groups.TestGroup group = stack.groups().withMembers(owner, members);
    Response renamed = api.patch("/groups/" + group.id(), owner.accessToken(), new JsonObject().put("name", name));
    assertThat(renamed.status()).as("rename %s", renamed).isEqualTo(200);
    return group.chatId();
  }

  /** The 1:1 chat of two friends, opened the way a client does (the first sends the friend request). */
  public String direct(TestUser a, TestUser b) {
    stack.users().befriend(a, b);
    Response chat = api.post("/chats", a.accessToken(), new JsonObject().put("participantId", b.id()));
    assertThat(chat.status()).as("open chat %s", chat).isIn(200, 201);
    return chat.json().getString("id");
  }

  public static JsonObject text(String content) {
    return text(UUID.randomUUID().toString(), content);
  }

  public static JsonObject text(String clientMsgId, String content) {
    return new JsonObject().put("clientMsgId", clientMsgId).put("type", "text").put("content", content);
  }

  /** Sends over REST and expects it stored (201); answers the message. */
  public JsonObject send(TestUser from, String chatId, String content) {
    Response sent = api.post("/chats/" + chatId + "/messages", from.accessToken(), text(content));
    assertThat(sent.status()).as("send %s", sent).isEqualTo(201);
    return sent.json();
  }

  /** Every message of the chat the user can page through with after=, oldest first. */
  public JsonArray history(TestUser user, String chatId, long after) {
    return history(user, chatId, after, 100);
  }

  /** The same, reading pages of {@code pageSize}: what a reconnecting client does. */
  public JsonArray history(TestUser user, String chatId, long after, int pageSize) {
    JsonArray all = new JsonArray();
    long cursor = after;
    while (true) {
      Response page = api.get("/chats/" + chatId + "/messages?limit=" + pageSize + "&after=" + cursor, user.accessToken());
      assertThat(page.status()).as("history %s", page).isEqualTo(200);
      page.items().forEach(all::add);
      if (!page.json().getBoolean("hasMore")) {
        return all;
      }
      cursor = page.items().getJsonObject(page.items().size() - 1).getLong("seq");
    }
  }

  public static List<Long> seqs(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
  }

  /** Registers the socket on the user's inbox and waits until events reach it (registration is asynchronous). */
  public void listen(BridgeClient socket, TestUser user) {
    socket.register(Addresses.inbox(user.id()), user.accessToken());
    String marker = "sync-" + UUID.randomUUID();
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      Inbox.publish(stack.vertx.eventBus(), user.id(), "test.sync", new JsonObject().put("marker", marker));
      try {
        socket.await(f -> "rec".equals(f.getString("type")) && marker.equals(
          f.getJsonObject("body").getJsonObject("data").getString("marker")), 200);
        return;
      } catch (AssertionError notYet) {
        // not registered yet: publish again
      }
    }
    throw new AssertionError("registration never took effect");
  }
}
