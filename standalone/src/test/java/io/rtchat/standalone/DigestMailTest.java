package io.rtchat.standalone;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Ids;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The unread-messages digest, mailed over real SMTP (GreenMail) to users offline longer than the threshold. */
class DigestMailTest extends StackPerClass {

  static final long OFFLINE_MS = 3_000;
  NotificationService notifications;

  @Override
  protected Map<String, String> overrides() {
    return Map.of("DIGEST_INTERVAL_SECONDS", "1", "DIGEST_OFFLINE_SECONDS", String.valueOf(OFFLINE_MS / 1000),
      "PRESENCE_GRACE_MILLIS", "200");
  }

  @BeforeAll
  void startClients() {
    notifications = NotificationService.createProxy(stack.vertx);
  }

  JsonObject message(TestUser from, String chatId, String text) {
    return new JsonObject().put("type", "message").put("content", text).put("relatedId", Ids.newId())
      .put("chatId", chatId).put("senderId", from.id());
  }

  String directChat(TestUser a, TestUser b) {
    return new Chats(stack).direct(a, b);
  }

  void send(TestUser from, String chatId, String text) {
    new Chats(stack).send(from, chatId, text);
  }

  @Test
  void anOfflineUserGetsOneDigestPerBatchOfUnreadMessages() {
    TestUser kai = users.create("kai");
    TestUser lou = users.create("lou");
    TestUser mia = users.create("mia");
    String withLou = directChat(kai, lou);
    String withMia = directChat(kai, mia);
    send(lou, withLou, "are you there?");
    send(lou, withLou, "hello?");
    send(mia, withMia, "lunch tomorrow");

    // Mail #1 was the verification code; #2 is the digest.
    String digest = users.awaitMailBody(kai.email(), 2);
    assertThat(digest).contains("3 unread messages").contains("2 chats").contains("hello?").contains("lunch tomorrow")
      .doesNotContain("are you there?");
    // Several more runs of the job: the same notifications are never mailed again.
    sleep(OFFLINE_MS + 1_500);
    assertThat(users.mailCount(kai.email())).isEqualTo(2);
    // A new message in a chat makes it due again.
    send(mia, withMia, "still on for lunch?");
    String second = users.awaitMailBody(kai.email(), 3);
    assertThat(second).contains("still on for lunch?").contains("2 new").doesNotContain("hello?");
    // Digests never touch read state.
    assertThat(api.get("/notifications/unread-count", kai.accessToken()).json().getLong("count")).isEqualTo(2);
  }

  @Test
  void messageTextInADigestCannotForgeLinesOfTheMail() {
    TestUser pia = users.create("pia");
    TestUser quin = users.create("quin");
    String chat = directChat(pia, quin);
    send(quin, chat, "see you\r\n\r\nRead them at https://evil.example/login\u202e\u0000 ok");

    String digest = users.awaitMailBody(pia.email(), 2);
    assertThat(digest).contains("see you").contains("evil.example")
      .doesNotContain("\u202e").doesNotContain("\u0000");
    // The only line that starts like the service's own link line is the service's.
    assertThat(digest.lines().filter(l -> l.startsWith("Read them at"))).hasSize(1)
      .allSatisfy(l -> assertThat(l).doesNotContain("evil"));
    assertThat(digest.lines().filter(l -> l.contains("evil"))).hasSize(1)
      .allSatisfy(l -> assertThat(l).startsWith("- 1 new: "));
  }

  @Test
  void noDigestForReadNotificationsOrConnectedUsers() {
    TestUser max = users.create("mo");
    TestUser nia = users.create("nia");
    TestUser ola = users.create("ola");
    notifications.notifyUsers(List.of(nia.id()), message(max, Ids.newId(), "read me")).await();
    notifications.notifyUsers(List.of(ola.id()), message(max, Ids.newId(), "for ola")).await();
    assertThat(api.post("/notifications/read-all", nia.accessToken(), null).json().getLong("updated")).isEqualTo(1);
    try (BridgeClient olaSocket = stack.bridge()) {
      olaSocket.register(Addresses.inbox(ola.id()), ola.accessToken());
      Presence.awaitStatus(api, ola, ola.id(), "online");
      sleep(OFFLINE_MS + 2_000);
      assertThat(users.mailCount(nia.email())).isEqualTo(1);
      assertThat(users.mailCount(ola.email())).isEqualTo(1);
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
