package io.rtchat.standalone;

import io.rtchat.chat.ChatVerticle;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.Groups.TestGroup;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, finding 8: a membership change whose chat-service half fails must still converge. chat-service is really
 * stopped (its verticle undeployed, so group-service's calls find no one on {@code chat.service}) while a member is
 * removed, another leaves and a group is deleted; once chat-service is deployed again, the removed member and the
 * leaver are out of the chat's participants within the retry interval (or, with retries out of reach, the
 * reconciliation interval): they cannot read it, cannot send to it, and get none of its events, and the deleted
 * group's chat is gone.
 */
class GroupChatConvergenceTest {

  private TestStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void changesMadeWhileChatServiceIsDownReachTheChatByRetryOnceItIsBack() throws Exception {
    stack = TestStack.start(Map.of(
      Setting.GROUP_CHAT_RETRY_MILLIS.name(), "500",
      Setting.GROUP_RECONCILE_INTERVAL_SECONDS.name(), "86400"));
    convergesAfterAnOutage(true);
  }

  @Test
  void theReconciliationBringsTheChatInStepWhenNoRetryIsDue() throws Exception {
    // the outbox retries only after an hour here: what converges within seconds is the periodic reconciliation
    stack = TestStack.start(Map.of(
      Setting.GROUP_CHAT_RETRY_MILLIS.name(), "3600000",
      Setting.GROUP_RECONCILE_INTERVAL_SECONDS.name(), "2"));
    // a deleted group leaves no document to reconcile: only its outbox mark makes its chat go (first test)
    convergesAfterAnOutage(false);
  }

  private void convergesAfterAnOutage(boolean deletionRetried) throws Exception {
    ApiClient api = stack.api();
    Chats chats = new Chats(stack);
    TestUser ann = stack.users().create("ann");
    TestUser ben = stack.users().create("ben");
    TestUser cat = stack.users().create("cat");
    TestUser dee = stack.users().create("dee");
    TestGroup group = stack.groups().withMembers(ann, ben, cat, dee);
    TestGroup doomed = stack.groups().withMembers(ann, ben);
    chats.send(ann, group.chatId(), "before");
    assertThat(api.get("/chats/" + group.chatId() + "/messages", ben.accessToken()).status()).isEqualTo(200);

    try (BridgeClient benPhone = stack.bridge(); BridgeClient catPhone = stack.bridge(); BridgeClient deePhone = stack.bridge()) {
      chats.listen(benPhone, ben);
      chats.listen(catPhone, cat);
      chats.listen(deePhone, dee);

      String chatDeployment = stopChatService();
      Response removed = api.delete("/groups/" + group.id() + "/members/" + ben.id(), ann.accessToken());
      assertThat(removed.status()).as("the group changes even while its chat cannot: %s", removed).isEqualTo(200);
      assertThat(api.post("/groups/" + group.id() + "/leave", cat.accessToken(), null).status()).isEqualTo(204);
      assertThat(api.delete("/groups/" + doomed.id(), ann.accessToken()).status()).isEqualTo(204);
      assertThat(api.get("/chats/" + group.chatId(), ann.accessToken()).status())
        .as("chat-service is really away").isEqualTo(503);
      startChatService(chatDeployment);

      awaitStatus(() -> api.get("/chats/" + group.chatId() + "/messages", ben.accessToken()), 404,
        "the removed member can no longer read the chat");
      awaitStatus(() -> api.get("/chats/" + group.chatId() + "/messages", cat.accessToken()), 404,
        "the member who left can no longer read the chat");
      if (deletionRetried) {
        awaitStatus(() -> api.get("/chats/" + doomed.chatId(), ann.accessToken()), 404, "the deleted group's chat is gone");
      }

      assertThat(api.get("/chats/" + group.chatId(), ben.accessToken()).errorCode()).isEqualTo("chat.not_found");
      assertThat(api.post("/chats/" + group.chatId() + "/messages", ben.accessToken(), Chats.text("still here?")).status())
        .isEqualTo(404);
      JsonObject chat = api.get("/chats/" + group.chatId(), ann.accessToken()).json();
      assertThat(chat.getJsonArray("participants").getList()).containsExactlyInAnyOrder(ann.id(), dee.id());

      int benSeen = benPhone.frames().size();
      int catSeen = catPhone.frames().size();
      String after = "after " + System.nanoTime();
      chats.send(ann, group.chatId(), after);
      deePhone.awaitEvent("message.new", d -> after.equals(d.getString("content")));
      assertThat(newMessagesOf(benPhone.settle(1_000), benSeen, group.chatId())).as("ben gets no more of its messages").isEmpty();
      assertThat(newMessagesOf(catPhone.frames(), catSeen, group.chatId())).as("cat gets no more of its messages").isEmpty();
    }
  }

  private static List<JsonObject> newMessagesOf(List<JsonObject> frames, int seenBefore, String chatId) {
    return frames.subList(seenBefore, frames.size()).stream()
      .filter(f -> "rec".equals(f.getString("type")) && f.getJsonObject("body") != null)
      .map(f -> f.getJsonObject("body"))
      .filter(b -> "message.new".equals(b.getString("type")) && b.encode().contains(chatId))
      .toList();
  }

  /** Undeploys chat-service (its calls and AI go with it); answers the deployment's id. */
  private String stopChatService() {
    DeploymentContext chat = ((VertxInternal) stack.vertx).deploymentManager().deployments().stream()
      .filter(d -> d.deployment().instances().stream().anyMatch(ChatVerticle.class::isInstance))
      .findFirst().orElseThrow();
    stack.vertx.undeploy(chat.id()).await();
    return chat.id();
  }

  private void startChatService(String stoppedId) {
    assertThat(stack.vertx.deploymentIDs()).doesNotContain(stoppedId);
    stack.vertx.deployVerticle(new ChatVerticle(), new DeploymentOptions().setConfig(stack.config.toJson())).await();
  }

  private static void awaitStatus(Supplier<Response> request, int status, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    Response last = request.get();
    while (last.status() != status && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      last = request.get();
    }
    assertThat(last.status()).as("%s within the interval: %s", what, last).isEqualTo(status);
  }
}
