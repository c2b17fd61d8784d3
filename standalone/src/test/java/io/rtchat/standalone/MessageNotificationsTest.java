package io.rtchat.standalone;

import io.rtchat.notification.NotificationVerticle;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message notifications travel from chat-service to notification-service as a MessageStored event, friend requests
 * and group invitations from group-service as FriendRequestSent and GroupInvitationsMade. With two
 * notification-service instances consuming them, each must still be notified once.
 */
class MessageNotificationsTest extends StackPerClass {

  @BeforeAll
  void startSecondNotificationService() throws Exception {
    // A second notification-service instance beside the stack's own, as with two replicas in a cluster.
    stack.vertx.deployVerticle(new NotificationVerticle(), new DeploymentOptions().setConfig(stack.config.toJson()))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private int unreadMessages(TestUser user) {
    return unread(user, "message").stream().mapToInt(n -> n.getInteger("count")).sum();
  }

  private List<JsonObject> unread(TestUser user, String type) {
    return api.get("/notifications?unread=true", user.accessToken()).items().stream().map(o -> (JsonObject) o)
      .filter(n -> type.equals(n.getString("type"))).toList();
  }

  /** Waits until the user has {@code count} unread notifications of the type, then a while for a duplicate. */
  private List<JsonObject> settledUnread(TestUser user, String type, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (unread(user, type).size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(25);
    }
    Thread.sleep(500); // a duplicate handled by the other instance would arrive meanwhile
    return unread(user, type);
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

  @Test
  void aFriendRequestIsNotifiedOnceWhateverTheNumberOfNotificationInstances() throws Exception {
    TestUser cid = users.create("cid");
    TestUser dee = users.create("dee");
    String requestId = api.post("/friends/requests", cid.accessToken(), new JsonObject().put("receiverId", dee.id()))
      .json().getString("id");

    List<JsonObject> notices = settledUnread(dee, "friend_request", 1);
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).getString("relatedId")).isEqualTo(requestId);
    assertThat(notices.get(0).getString("senderId")).isEqualTo(cid.id());
    assertThat(notices.get(0).getString("content")).isEqualTo("sent you a friend request");
    assertThat(unread(cid, "friend_request")).isEmpty();
  }

  @Test
  void eachInviteeIsNotifiedOnceWhateverTheNumberOfNotificationInstances() throws Exception {
    TestUser eve = users.create("eve");
    TestUser fay = users.create("fay");
    TestUser gus = users.create("gus");
    JsonObject created = api.post("/groups", eve.accessToken(), new JsonObject().put("name", "Ropes")
      .put("memberIds", new JsonArray().add(fay.id()).add(gus.id()))).json();
    String groupId = created.getJsonObject("group").getString("id");

    for (TestUser invitee : List.of(fay, gus)) {
      List<JsonObject> notices = settledUnread(invitee, "group_invite", 1);
      assertThat(notices).hasSize(1);
      assertThat(notices.get(0).getString("relatedId")).isEqualTo(groupId);
      assertThat(notices.get(0).getString("content")).isEqualTo("invited you to Ropes");
    }
    assertThat(unread(eve, "group_invite")).isEmpty();
  }
}
