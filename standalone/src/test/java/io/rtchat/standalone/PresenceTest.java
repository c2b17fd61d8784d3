package io.rtchat.standalone;

import io.rtchat.api.AuthService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Setting;
import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Presence: online while any socket of the user is open on any gateway, offline with lastSeenAt after the last one
 * closed for the grace period; seen by chat partners as {@code presence} events and in profiles.
 */
class PresenceTest extends StackPerClass {

  static final long GRACE_MS = 300;
  /** A second gateway instance on its own port, sharing the services and Mongo (two pods' worth). */
  int secondGatewayPort;

  @Override
  protected Map<String, String> overrides() throws Exception {
    return Map.of("PRESENCE_GRACE_MILLIS", String.valueOf(GRACE_MS), "PRESENCE_LEASE_SECONDS", "3");
  }

  @BeforeAll
  void startClients() throws Exception {
    secondGatewayPort = TestStack.freePort();
    stack.vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(
      stack.config.with(Setting.HTTP_PORT, String.valueOf(secondGatewayPort))
        .with(Setting.ALLOWED_ORIGINS, "http://127.0.0.1:" + secondGatewayPort).toJson())).await();
  }

  /** Makes the two users chat partners without being friends: members of one group (and so of its chat). */
  void partners(TestUser a, TestUser b) {
    stack.groups().withMembers(a, b);
  }

  BridgeClient watch(TestUser watcher) {
    BridgeClient socket = stack.bridge();
    socket.register(Addresses.inbox(watcher.id()), watcher.accessToken());
    Presence.awaitStatus(api, watcher, watcher.id(), "online");
    return socket;
  }

  BridgeClient open(TestUser user, int port) {
    BridgeClient socket = BridgeClient.connect(stack.vertx, port);
    socket.register(Addresses.inbox(user.id()), user.accessToken());
    return socket;
  }

  boolean isStatus(JsonObject data, TestUser user, String status) {
    return user.id().equals(data.getString("userId")) && status.equals(data.getString("status"));
  }

  @Test
  void userStaysOnlineUntilTheLastOfTwoSocketsCloses() {
    TestUser quin = users.create("quin");
    TestUser ray = users.create("ray");
    users.befriend(quin, ray);
    assertThat(api.get("/users/" + quin.id(), ray.accessToken()).json().getString("status")).isEqualTo("offline");
    try (BridgeClient raySocket = watch(ray)) {
      BridgeClient phone = open(quin, stack.port);
      raySocket.awaitEvent("presence", d -> isStatus(d, quin, "online"));
      Presence.awaitStatus(api, ray, quin.id(), "online");
      BridgeClient laptop = open(quin, stack.port);
      Presence.awaitStatus(api, quin, quin.id(), "online");

      phone.close();
      // Well past the grace period, the laptop still keeps Quin online.
      raySocket.settle(GRACE_MS * 4);
      assertThat(api.get("/users/" + quin.id(), ray.accessToken()).json().getString("status")).isEqualTo("online");
      assertThat(raySocket.events()).noneMatch(e -> "presence".equals(e.getString("type"))
        && isStatus(e.getJsonObject("data"), quin, "offline"));

      Instant beforeLastClose = Instant.now();
      laptop.close();
      JsonObject offline = raySocket.awaitEvent("presence", d -> isStatus(d, quin, "offline")).getJsonObject("data");
      assertThat(Instant.parse(offline.getString("lastSeenAt"))).isAfterOrEqualTo(beforeLastClose.minusMillis(5));
      JsonObject profile = Presence.awaitStatus(api, ray, quin.id(), "offline");
      assertThat(profile.getString("lastSeenAt")).isEqualTo(offline.getString("lastSeenAt"));
      // Online was announced once, though two sockets opened.
      assertThat(raySocket.events().stream().filter(e -> "presence".equals(e.getString("type"))
        && isStatus(e.getJsonObject("data"), quin, "online")).count()).isEqualTo(1);
    }
  }

  @Test
  void aQuickReconnectWithinTheGracePeriodIsNotSeen() {
    TestUser sal = users.create("sal");
    TestUser tom = users.create("tom");
    partners(sal, tom);
    try (BridgeClient tomSocket = watch(tom)) {
      BridgeClient first = open(sal, stack.port);
      tomSocket.awaitEvent("presence", d -> isStatus(d, sal, "online"));
      first.close();
      try (BridgeClient again = open(sal, stack.port)) {
        tomSocket.settle(GRACE_MS * 4);
        assertThat(tomSocket.events()).noneMatch(e -> "presence".equals(e.getString("type"))
          && isStatus(e.getJsonObject("data"), sal, "offline"));
        assertThat(api.get("/users/" + sal.id(), tom.accessToken()).json().getString("status")).isEqualTo("online");
      }
    }
  }

  @Test
  void presenceCountsSocketsOnEveryGatewayInstance() {
    TestUser uli = users.create("uli");
    TestUser val = users.create("val");
    users.befriend(uli, val);
    try (BridgeClient valSocket = watch(val)) {
      BridgeClient onFirst = open(uli, stack.port);
      BridgeClient onSecond = open(uli, secondGatewayPort);
      valSocket.awaitEvent("presence", d -> isStatus(d, uli, "online"));
      Presence.awaitStatus(api, val, uli.id(), "online");
      onFirst.close();
      valSocket.settle(GRACE_MS * 4);
      assertThat(api.get("/users/" + uli.id(), val.accessToken()).json().getString("status")).isEqualTo("online");
      onSecond.close();
      valSocket.awaitEvent("presence", d -> isStatus(d, uli, "offline"));
      Presence.awaitStatus(api, val, uli.id(), "offline");
    }
  }

  @Test
  void aUserIsOneEntryPerGatewayHoweverManySocketsTheyOpen() {
    TestUser xia = users.create("xia");
    TestUser yan = users.create("yan");
    users.befriend(xia, yan);
    MongoClient mongo = MongoClient.create(stack.vertx, new JsonObject()
      .put("connection_string", stack.config.get(Setting.MONGO_URI)).put("db_name", stack.config.get(Setting.MONGO_DB)));
    try (BridgeClient yanSocket = watch(yan)) {
      List<BridgeClient> sockets = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sockets.add(open(xia, stack.port));
      }
      sockets.add(open(xia, secondGatewayPort));
      yanSocket.awaitEvent("presence", d -> isStatus(d, xia, "online"));
      JsonArray entries = awaitEntries(mongo, xia, 2);
      assertThat(entries.stream().map(e -> ((JsonObject) e).getString("gateway")).distinct()).hasSize(2);

      // Two of the three on the first gateway close: it stays one entry, Xia stays online.
      sockets.get(0).close();
      sockets.get(1).close();
      yanSocket.settle(GRACE_MS * 4);
      assertThat(awaitEntries(mongo, xia, 2)).hasSize(2);
      assertThat(api.get("/users/" + xia.id(), yan.accessToken()).json().getString("status")).isEqualTo("online");

      // The last one there closes: that gateway's entry goes, the other gateway keeps Xia online.
      sockets.get(2).close();
      awaitEntries(mongo, xia, 1);
      assertThat(api.get("/users/" + xia.id(), yan.accessToken()).json().getString("status")).isEqualTo("online");
      sockets.get(3).close();
      yanSocket.awaitEvent("presence", d -> isStatus(d, xia, "offline"));
      awaitEntries(mongo, xia, 0);
    } finally {
      mongo.close();
    }
  }

  /** The user's presence entries once there are {@code count} of them (the reports are asynchronous). */
  private JsonArray awaitEntries(MongoClient mongo, TestUser user, int count) {
    long deadline = System.currentTimeMillis() + 5_000;
    JsonArray entries = null;
    while (System.currentTimeMillis() < deadline) {
      JsonObject doc = mongo.findOne("presence", new JsonObject().put("_id", user.id()), null).await();
      entries = doc == null ? new JsonArray() : doc.getJsonArray("sockets", new JsonArray());
      if (entries.size() == count) {
        return entries;
      }
      stack.vertx.timer(50).await();
    }
    throw new AssertionError("expected " + count + " presence entries, last seen " + entries);
  }

  @Test
  void socketsOfAGatewayThatStopsRenewingItsLeaseExpire() {
    TestUser wes = users.create("wes");
    TestUser xia = users.create("xia");
    partners(wes, xia);
    NotificationService notifications = NotificationService.createProxy(stack.vertx);
    try (BridgeClient xiaSocket = watch(xia)) {
      // A gateway that reports a socket and then crashes: it never renews a lease and never reports the close.
      notifications.socketOpened(wes.id(), "socket-on-crashed-gateway", "crashed-gateway").await();
      xiaSocket.awaitEvent("presence", d -> isStatus(d, wes, "online"));
      // After the lease (3 s) and the grace period, Wes is offline.
      Presence.awaitStatus(api, xia, wes.id(), "offline");
      xiaSocket.awaitEvent("presence", d -> isStatus(d, wes, "offline"));
    }
  }

  @Test
  void aPresenceReportArrivingLateNeverOverwritesANewerOne() {
    TestUser ada = users.create("ada");
    TestUser bea = users.create("bea");
    AuthService auth = AuthService.createProxy(stack.vertx);
    String seen = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    auth.setPresence(ada.id(), "offline", seen, 7).await();
    auth.setPresence(ada.id(), "online", null, 6).await();
    users.befriend(ada, bea); // presence is shown to friends and chat partners only
    JsonObject profile = api.get("/users/" + ada.id(), bea.accessToken()).json();
    assertThat(profile.getString("status")).isEqualTo("offline");
    assertThat(profile.getString("lastSeenAt")).isEqualTo(seen);
    assertThatThrownBy(() -> auth.setPresence(ada.id(), "away", null, 8).await()).isNotNull();
  }

  @Test
  void strangersGetNoPresenceEvents() {
    TestUser yul = users.create("yul");
    TestUser zed = users.create("zed");
    try (BridgeClient zedSocket = watch(zed); BridgeClient yulSocket = open(yul, stack.port)) {
      Presence.awaitStatus(api, yul, yul.id(), "online");
      assertThat(api.get("/users/" + yul.id(), zed.accessToken()).json().containsKey("status")).isFalse();
      assertThat(zedSocket.settle(200)).noneMatch(f -> f.getJsonObject("body") != null
        && "presence".equals(f.getJsonObject("body").getString("type"))
        && yul.id().equals(f.getJsonObject("body").getJsonObject("data").getString("userId")));
    }
  }
}
