package io.rtchat.standalone;

import io.rtchat.notification.NotificationVerticle;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message notifications travel from chat-service to notification-service as a MessageStored event. With two
 * notification-service instances consuming it, each message must still be counted once.
 */
class MessageNotificationsTest {

  static TestStack stack;
  static ApiClient api;
  static Users users;
  static Chats chats;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.start();
    api = stack.api();
    users = stack.users();
    chats = new Chats(stack);
    // A second notification-service instance beside the stack's own, as with two replicas in a cluster.
    stack.vertx.deployVerticle(new NotificationVerticle(), new DeploymentOptions().setConfig(stack.config.toJson()))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static int unreadMessages(TestUser user) {
    return api.get("/notifications?unread=true", user.accessToken()).items().stream().map(o -> (JsonObject) o)
      .filter(n -> "message".equals(n.getString("type"))).mapToInt(n -> n.getInteger("count")).sum();
  }

  @Test
  void eachMessageIsNotifiedOnceWhateverTheNumberOfNotificationInstances() throws Exception {
    TestUser ada = users.create("ada");
    TestUser ben = users.create("ben");
    String chatId = chats.direct(ada, ben);
    for (int i = 1; i <= 6; i++) {
      chats.send(ada, chatId, "message " + i);
    }

    long deadline = System.currentTimeMillis() + 10_000;
    while (unreadMessages(ben) < 6 && System.currentTimeMillis() < deadline) {
      Thread.sleep(25);
    }
    Thread.sleep(500); // a duplicate handled by the other instance would arrive meanwhile
    assertThat(unreadMessages(ben)).isEqualTo(6);
    JsonObject notice = api.get("/notifications?unread=true", ben.accessToken()).items().stream().map(o -> (JsonObject) o)
      .filter(n -> "message".equals(n.getString("type"))).findFirst().orElseThrow();
    assertThat(notice.getString("chatId")).isEqualTo(chatId);
    assertThat(notice.getString("senderId")).isEqualTo(ada.id());
    assertThat(notice.getString("content")).isEqualTo("message 6");
    assertThat(unreadMessages(ada)).isZero();
  }
}
