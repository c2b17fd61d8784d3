package io.rtchat.standalone;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Ids;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored notifications: live delivery, offline storage, collapse per chat, counts, read state and ownership. */
class NotificationsTest extends StackPerClass {

  NotificationService notifications;

  @Override
  protected Map<String, String> overrides() {
    return Map.of("PRESENCE_GRACE_MILLIS", "300", "PRESENCE_LEASE_SECONDS", "2");
  }

  @BeforeAll
  void startClients() {
    notifications = NotificationService.createProxy(stack.vertx);
  }

  JsonObject friendRequest(TestUser from) {
    return new JsonObject().put("type", "friend_request").put("content", "Hi, let's be friends")
      .put("relatedId", Ids.newId()).put("senderId", from.id());
  }

  JsonObject message(TestUser from, String chatId, String text) {
    return new JsonObject().put("type", "message").put("content", text).put("relatedId", Ids.newId())
      .put("chatId", chatId).put("senderId", from.id());
  }

  BridgeClient connect(TestUser user) {
    BridgeClient socket = stack.bridge();
    socket.register(Addresses.inbox(user.id()), user.accessToken());
    Presence.awaitStatus(api, user, user.id(), "online");
    return socket;
  }

  @Test
  void friendRequestReachesAConnectedUserLiveAndIsStored() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    try (BridgeClient benSocket = connect(ben)) {
      Response sent = api.post("/friends/requests", ann.accessToken(), new JsonObject().put("receiverId", ben.id()));
      assertThat(sent.status()).isEqualTo(201);
      JsonObject event = benSocket.awaitEvent("notification.new").getJsonObject("data");
      assertThat(event.getString("type")).isEqualTo("friend_request");
      assertThat(event.getString("senderId")).isEqualTo(ann.id());
      assertThat(event.getString("relatedId")).isEqualTo(sent.json().getString("id"));
      assertThat(event.getBoolean("read")).isFalse();
      Response list = api.get("/notifications", ben.accessToken());
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.items()).hasSize(1);
      assertThat(list.items().getJsonObject(0).getString("id")).isEqualTo(event.getString("id"));
      assertThat(api.get("/notifications/unread-count", ben.accessToken()).json().getLong("count")).isEqualTo(1);
      // The sender has nothing.
      assertThat(api.get("/notifications", ann.accessToken()).items()).isEmpty();
    }
  }

  @Test
  void friendRequestToAnOfflineUserWaitsAsAStoredNotification() {
    TestUser ada = users.create("ada");
    TestUser bo = users.create("bo");
    Response sent = api.post("/friends/requests", ada.accessToken(), new JsonObject().put("receiverId", bo.id()));
    assertThat(sent.status()).isEqualTo(201);
    JsonObject stored = awaitNotifications(bo, 1).getJsonObject(0);
    assertThat(stored.getString("type")).isEqualTo("friend_request");
    assertThat(stored.getString("relatedId")).isEqualTo(sent.json().getString("id"));
    assertThat(stored.getBoolean("read")).isFalse();
    assertThat(api.get("/notifications/unread-count", bo.accessToken()).json().getLong("count")).isEqualTo(1);
  }

  @Test
  void groupInvitationIsStoredForTheInviteeOnly() {
    TestUser gus = users.create("gus");
    TestUser hal = users.create("hal");
    TestUser ivy = users.create("ivy");
    Response created = api.post("/groups", gus.accessToken(),
      new JsonObject().put("name", "Book club").put("memberIds", new io.vertx.core.json.JsonArray().add(hal.id())));
    assertThat(created.status()).isEqualTo(201);
    String groupId = created.json().getJsonObject("group").getString("id");
    JsonObject stored = awaitNotifications(hal, 1).getJsonObject(0);
    assertThat(stored.getString("type")).isEqualTo("group_invite");
    assertThat(stored.getString("relatedId")).isEqualTo(groupId);
    assertThat(stored.getString("content")).contains("Book club");
    assertThat(api.get("/notifications", gus.accessToken()).items()).isEmpty();
    assertThat(api.get("/notifications", ivy.accessToken()).items()).isEmpty();
  }

  /** Notifications from other services' actions are recorded fire-and-forget: wait until they are there. */
  io.vertx.core.json.JsonArray awaitNotifications(TestUser user, int count) {
    long deadline = System.currentTimeMillis() + 5_000;
    Response page = api.get("/notifications", user.accessToken());
    while (page.items().size() < count && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      page = api.get("/notifications", user.accessToken());
    }
    assertThat(page.items()).as("notifications of %s", user.username()).hasSize(count);
    return page.items();
  }

  String directChat(TestUser a, TestUser b) {
    return new Chats(stack).direct(a, b);
  }

  String send(TestUser from, String chatId, String text) {
    return new Chats(stack).send(from, chatId, text).getString("id");
  }

  @Test
  void messagesToAnOfflineUserAreStoredAndCollapsePerChat() {
    TestUser cat = users.create("cat");
    TestUser dan = users.create("dan");
    TestUser eli = users.create("eli");
    String withCat = directChat(cat, dan);
    String withEli = directChat(eli, dan);
    send(cat, withCat, "one");
    send(cat, withCat, "two");
    String last = send(cat, withCat, "three");
    send(eli, withEli, "elsewhere");

    awaitUnreadMessages(dan, 4);
    Response unread = api.get("/notifications?unread=true", dan.accessToken());
    // Two friend requests (befriending) and one collapsed notification per chat.
    assertThat(unread.items().stream().map(n -> ((JsonObject) n).getString("type")))
      .containsExactlyInAnyOrder("message", "message", "friend_request", "friend_request");
    JsonObject fromCat = byChat(unread, withCat);
    assertThat(fromCat.getInteger("count")).isEqualTo(3);
    assertThat(fromCat.getString("content")).isEqualTo("three");
    assertThat(fromCat.getString("relatedId")).isEqualTo(last);
    assertThat(fromCat.getString("senderId")).isEqualTo(cat.id());
    assertThat(fromCat.getString("type")).isEqualTo("message");
    assertThat(byChat(unread, withEli).getInteger("count")).isEqualTo(1);
    assertThat(api.get("/notifications/unread-count", dan.accessToken()).json().getLong("count")).isEqualTo(4);
    // Senders get no notification for their own messages.
    assertThat(api.get("/notifications?unread=true", cat.accessToken()).items()).noneMatch(
      n -> "message".equals(((JsonObject) n).getString("type")));
  }

  /** Waits until the user's unread message notifications add up to {@code messages} (they are recorded fire-and-forget). */
  void awaitUnreadMessages(TestUser user, int messages) {
    long deadline = System.currentTimeMillis() + 5_000;
    int seen = 0;
    while (System.currentTimeMillis() < deadline) {
      seen = api.get("/notifications?unread=true", user.accessToken()).items().stream().map(o -> (JsonObject) o)
        .filter(n -> "message".equals(n.getString("type"))).mapToInt(n -> n.getInteger("count")).sum();
      if (seen >= messages) {
        assertThat(seen).isEqualTo(messages);
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(user.username() + " has " + seen + " unread messages in notifications, expected " + messages);
  }

  @Test
  void anOlderMessageHandledLateDoesNotHideTheNewestPreview() {
    TestUser pat = users.create("pat");
    TestUser ros = users.create("ros");
    String chat = Ids.newId();
    String older = Ids.newId();
    String newer = Ids.newId();
    notifications.notifyUsers(List.of(ros.id()), message(pat, chat, "newest").put("relatedId", newer)).await();
    notifications.notifyUsers(List.of(ros.id()), message(pat, chat, "older").put("relatedId", older)).await();
    JsonObject note = api.get("/notifications", ros.accessToken()).items().getJsonObject(0);
    assertThat(note.getInteger("count")).isEqualTo(2);
    assertThat(note.getString("content")).isEqualTo("newest");
    assertThat(note.getString("relatedId")).isEqualTo(newer);
  }

  @Test
  void concurrentFirstMessagesOfAChatStillMakeOneNotification() {
    TestUser eve = users.create("eve");
    TestUser fay = users.create("fay");
    String chat = Ids.newId();
    io.vertx.core.Future.all(List.of(
      notifications.notifyUsers(List.of(fay.id()), message(eve, chat, "a")),
      notifications.notifyUsers(List.of(fay.id()), message(eve, chat, "b")),
      notifications.notifyUsers(List.of(fay.id()), message(eve, chat, "c")),
      notifications.notifyUsers(List.of(fay.id()), message(eve, chat, "d")))).await();
    Response unread = api.get("/notifications?unread=true", fay.accessToken());
    assertThat(unread.items()).hasSize(1);
    assertThat(unread.items().getJsonObject(0).getInteger("count")).isEqualTo(4);
  }

  @Test
  void aMessageToAConnectedUserComesLiveAndIsNotStored() {
    TestUser gil = users.create("gil");
    TestUser hana = users.create("hana");
    TestUser ines = users.create("ines");
    String chat = directChat(gil, hana);
    String other = directChat(gil, ines);
    try (BridgeClient hanaSocket = connect(hana)) {
      send(gil, chat, "you are here");
      hanaSocket.awaitEvent("message.new");
      // A later message to an offline user is recorded, so the earlier one had its chance to be.
      send(gil, other, "are you?");
      awaitUnreadMessages(ines, 1);
      assertThat(api.get("/notifications", hana.accessToken()).items())
        .noneMatch(n -> "message".equals(((JsonObject) n).getString("type")));
      assertThat(hanaSocket.events()).noneMatch(e -> "notification.new".equals(e.getString("type")));
    }
  }

  @Test
  void readingOneAndReadingAllClearTheUnreadCount() {
    TestUser ian = users.create("ian");
    TestUser jo = users.create("jo");
    String chat = Ids.newId();
    notifications.notifyUsers(List.of(jo.id()), friendRequest(ian)).await();
    notifications.notifyUsers(List.of(jo.id()), message(ian, chat, "first")).await();
    notifications.notifyUsers(List.of(jo.id()), message(ian, chat, "second")).await();
    JsonObject messageNote = byChat(api.get("/notifications", jo.accessToken()), chat);

    Response read = api.post("/notifications/" + messageNote.getString("id") + "/read", jo.accessToken(), null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getBoolean("read")).isTrue();
    assertThat(api.get("/notifications/unread-count", jo.accessToken()).json().getLong("count")).isEqualTo(1);
    // Once read, the next message of that chat starts a fresh notification instead of reviving the old one.
    notifications.notifyUsers(List.of(jo.id()), message(ian, chat, "third")).await();
    Response unread = api.get("/notifications?unread=true", jo.accessToken());
    assertThat(unread.items()).hasSize(2);
    assertThat(byChat(unread, chat).getInteger("count")).isEqualTo(1);
    assertThat(byChat(unread, chat).getString("id")).isNotEqualTo(messageNote.getString("id"));
    assertThat(api.get("/notifications", jo.accessToken()).items()).hasSize(3);

    Response all = api.post("/notifications/read-all", jo.accessToken(), null);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().getLong("updated")).isEqualTo(2);
    assertThat(api.get("/notifications/unread-count", jo.accessToken()).json().getLong("count")).isZero();
    assertThat(api.get("/notifications?unread=true", jo.accessToken()).items()).isEmpty();
    assertThat(api.get("/notifications", jo.accessToken()).items()).hasSize(3);
  }

  @Test
  void notificationsArePagedNewestFirst() {
    TestUser kim = users.create("kim");
    TestUser lee = users.create("lee");
    for (int i = 0; i < 3; i++) {
      notifications.notifyUsers(List.of(lee.id()), friendRequest(kim).put("content", "request " + i)).await();
    }
    Response first = api.get("/notifications?limit=2", lee.accessToken());
    assertThat(first.items()).hasSize(2);
    assertThat(first.json().getBoolean("hasMore")).isTrue();
    assertThat(first.items().getJsonObject(0).getString("content")).isEqualTo("request 2");
    String cursor = first.items().getJsonObject(1).getString("id");
    Response rest = api.get("/notifications?limit=2&before=" + cursor, lee.accessToken());
    assertThat(rest.items()).hasSize(1);
    assertThat(rest.json().getBoolean("hasMore")).isFalse();
    assertThat(rest.items().getJsonObject(0).getString("content")).isEqualTo("request 0");
    assertThat(api.get("/notifications?unread=maybe", lee.accessToken()).status()).isEqualTo(400);
    assertThat(api.get("/notifications?before=nope", lee.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void nobodyCanReadOrMarkAnotherUsersNotification() {
    TestUser max = users.create("max");
    TestUser ned = users.create("ned");
    TestUser oli = users.create("oli");
    notifications.notifyUsers(List.of(ned.id()), friendRequest(max)).await();
    String nedsId = api.get("/notifications", ned.accessToken()).items().getJsonObject(0).getString("id");

    Response foreign = api.post("/notifications/" + nedsId + "/read", oli.accessToken(), null);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.errorCode()).isEqualTo("notification.not_found");
    assertThat(api.post("/notifications/read-all", oli.accessToken(), null).json().getLong("updated")).isZero();
    assertThat(api.get("/notifications", oli.accessToken()).items()).isEmpty();
    assertThat(api.get("/notifications?unread=true", ned.accessToken()).items()).hasSize(1);
    assertThat(api.get("/notifications/unread-count", ned.accessToken()).json().getLong("count")).isEqualTo(1);

    assertThat(api.post("/notifications/not-an-id/read", ned.accessToken(), null).errorCode()).isEqualTo("request.invalid_id");
    assertThat(api.post("/notifications/" + Ids.newId() + "/read", ned.accessToken(), null).status()).isEqualTo(404);
    assertThat(api.get("/notifications", null).status()).isEqualTo(401);
  }

  @Test
  void malformedNotifyCallsAreRefusedAndStoreNothing() {
    TestUser pia = users.create("pia");
    assertThatThrownBy(() -> notifications.notifyUsers(List.of(pia.id()),
      new JsonObject().put("type", "nonsense").put("content", "x")).await())
      .isInstanceOf(ServiceException.class);
    assertThatThrownBy(() -> notifications.notifyUsers(List.of(pia.id()),
      new JsonObject().put("type", "message").put("content", "no chat")).await())
      .isInstanceOf(ServiceException.class);
    assertThat(api.get("/notifications", pia.accessToken()).items()).isEmpty();
  }

  private JsonObject byChat(Response page, String chatId) {
    return page.items().stream().map(o -> (JsonObject) o).filter(n -> chatId.equals(n.getString("chatId")))
      .findFirst().orElseThrow(() -> new AssertionError("no notification for chat " + chatId + " in " + page));
  }
}
