package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.common.Inbox;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event-bus bridge over real WebSocket frames: a socket hears only its own user's inbox, and sends only commands. */
class BridgeSecurityTest extends StackPerClass {

  private void push(String userId, String marker) {
    Inbox.publish(stack.vertx.eventBus(), userId, "test.event", new JsonObject().put("marker", marker));
  }

  /** Registers and proves the registration took effect by receiving a first event. */
  private void registerAndSync(BridgeClient socket, TestUser user) {
    socket.register(Addresses.inbox(user.id()), user.accessToken());
    String marker = "sync-" + System.nanoTime();
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      push(user.id(), marker);
      try {
        socket.await(f -> "rec".equals(f.getString("type")) && marker.equals(
          f.getJsonObject("body").getJsonObject("data").getString("marker")), 200);
        return;
      } catch (AssertionError notYet) {
        // the registration is asynchronous (token check); publish again
      }
    }
    throw new AssertionError("registration never took effect");
  }

  @Test
  void everyDeviceOfAUserReceivesItsInboxEvents() {
    TestUser ann = users.create("ann");
    try (BridgeClient phone = stack.bridge(); BridgeClient laptop = stack.bridge()) {
      registerAndSync(phone, ann);
      registerAndSync(laptop, ann);
      push(ann.id(), "hello");
      assertThat(phone.awaitEvent("test.event", d -> "hello".equals(d.getString("marker")))).isNotNull();
      assertThat(laptop.awaitEvent("test.event", d -> "hello".equals(d.getString("marker")))).isNotNull();
    }
  }

  @Test
  void registeringWithoutATokenIsRefusedAndNothingIsDelivered() {
    TestUser ben = users.create("ben");
    try (BridgeClient socket = stack.bridge()) {
      socket.register(Addresses.inbox(ben.id()), null);
      assertThat(socket.await(f -> "err".equals(f.getString("type")))).isNotNull();
      push(ben.id(), "secret");
      assertThat(socket.settle(300)).noneMatch(f -> "rec".equals(f.getString("type")));
    }
  }

  @Test
  void registeringWithABadTokenIsRefused() {
    TestUser cat = users.create("cat");
    try (BridgeClient socket = stack.bridge()) {
      socket.register(Addresses.inbox(cat.id()), cat.accessToken() + "x");
      assertThat(socket.await(f -> "err".equals(f.getString("type")))).isNotNull();
      push(cat.id(), "secret");
      assertThat(socket.settle(300)).noneMatch(f -> "rec".equals(f.getString("type")));
    }
  }

  @Test
  void aUserCannotListenOnAnotherUsersInbox() {
    TestUser dan = users.create("dan");
    TestUser eve = users.create("eve");
    try (BridgeClient eavesdropper = stack.bridge()) {
      eavesdropper.register(Addresses.inbox(dan.id()), eve.accessToken());
      assertThat(eavesdropper.await(f -> "err".equals(f.getString("type")))).isNotNull();
      push(dan.id(), "for dan only");
      assertThat(eavesdropper.settle(300)).noneMatch(f -> "rec".equals(f.getString("type")));
    }
  }

  @Test
  void internalServiceAddressesAreNeverReachable() {
    TestUser fay = users.create("fay");
    try (BridgeClient socket = stack.bridge()) {
      socket.register(Addresses.AUTH_SERVICE, fay.accessToken());
      socket.send(Addresses.AUTH_SERVICE, new JsonObject().put("email", "x@y.test"), fay.accessToken());
      socket.register(Addresses.AUTH_TOKENS_REVOKED, fay.accessToken());
      socket.publish(Addresses.inbox(fay.id()), new JsonObject().put("type", "spoof"), fay.accessToken());
      socket.send("client.not.a.command", new JsonObject(), fay.accessToken());
      assertThat(socket.await(f -> f.getString("type").equals("err") && socket.frames().stream()
        .filter(x -> "err".equals(x.getString("type"))).count() >= 5, 5_000)).isNotNull();
      assertThat(socket.frames()).noneMatch(f -> "rec".equals(f.getString("type")));
    }
  }

  @Test
  void aSocketThatRegisteredItsInboxDoesNotReceiveOtherUsersEvents() {
    TestUser gus = users.create("gus");
    TestUser hal = users.create("hal");
    try (BridgeClient socket = stack.bridge()) {
      registerAndSync(socket, gus);
      push(hal.id(), "for hal");
      push(gus.id(), "for gus");
      socket.awaitEvent("test.event", d -> "for gus".equals(d.getString("marker")));
      assertThat(socket.events()).noneMatch(e -> "for hal".equals(e.getJsonObject("data").getString("marker")));
    }
  }

  @Test
  void passwordResetClosesTheUsersSockets() {
    TestUser ida = users.create("ida");
    try (BridgeClient socket = stack.bridge()) {
      registerAndSync(socket, ida);
      stack.api().post("/auth/forgot-password", null, new JsonObject().put("email", ida.email()));
      String mail = users.awaitMailBody(ida.email(), 2);
      String token = mail.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
      stack.api().post("/auth/reset-password", null,
        new JsonObject().put("token", token).put("password", "another password").put("passwordConfirm", "another password"));
      long deadline = System.currentTimeMillis() + 5_000;
      while (!socket.isClosed() && System.currentTimeMillis() < deadline) {
        stack.vertx.timer(20).await();
      }
      assertThat(socket.isClosed()).isTrue();
    }
  }

  @Test
  void aBrowserOnAnotherOriginCannotOpenTheRawWebSocket() {
    WebSocketClient client = stack.vertx.createWebSocketClient();
    try {
      WebSocketConnectOptions foreign = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(stack.port)
        .setURI("/eventbus/websocket").addHeader("Origin", "https://evil.example");
      assertThatThrownBy(() -> client.connect(foreign).await())
        .isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403));

      // The server's own origin (the web client it serves), in another spelling of the same origin, is let in.
      WebSocketConnectOptions own = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(stack.port)
        .setURI("/eventbus/websocket").addHeader("Origin", "HTTP://LOCALHOST:" + stack.port + "/");
      WebSocket socket = client.connect(own).await();
      socket.close().await();
    } finally {
      client.close().await();
    }
  }

  @Test
  void aFailedCommandIsAnsweredWithTheApisErrorAsARecipientFailure() {
    TestUser jo = users.create("jo");
    try (BridgeClient socket = stack.bridge()) {
      String reply = socket.send(Addresses.CLIENT_CHAT_SEND, new JsonObject().put("chatId", "000000000000000000000000")
        .put("clientMsgId", "x1").put("type", "text").put("content", "hi"), jo.accessToken());
      JsonObject answer = socket.await(f -> reply.equals(f.getString("address")));
      assertThat(answer.getString("type")).isEqualTo("err");
      assertThat(answer.getString("failureType")).isEqualTo("RECIPIENT_FAILURE");
      assertThat(answer.getInteger("failureCode")).isEqualTo(404);
      assertThat(new JsonObject(answer.getString("message")).getJsonObject("error").getString("code")).isEqualTo("chat.not_found");
    }
  }
}
