package io.rtchat.standalone;

import com.icegreen.greenmail.util.GreenMail;
import io.rtchat.common.Addresses;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.ServiceProcesses;
import io.rtchat.standalone.support.SharedBackends;
import io.rtchat.standalone.support.ServiceProcesses.Member;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rtchat as an operator runs it: every service its own JVM from its own jar and {@code XMain} (as in its
 * Deployment), two gateways and two chat-services, one shared MongoDB and S3 (embedded, started here) and a real SMTP
 * server. Messages cross gateways; a chat-service stopped by SIGTERM during a stream of sends loses and duplicates
 * nothing (clients retry unacknowledged sends with the same clientMsgId); after SIGKILL of a gateway its clients
 * reconnect to the other one and catch up by seq. The checks share one mesh and run in order (the last ones stop
 * processes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessMeshTest {

  /**
   * Eight JVMs joining one Hazelcast cluster: about 45 s on a quiet 2-core machine, 250 s measured at a load average
   * of 50 (other builds), so generous on purpose.
   */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(480);
  private static final long REPLY_TIMEOUT_MS = 15_000;

  private final Map<String, String> common = new LinkedHashMap<>();
  private ServiceProcesses mesh;
  private SharedBackends backends;
  private GreenMail mail;
  private Vertx vertx;
  private Member gatewayA;
  private Member gatewayB;
  private ApiClient apiA;
  private ApiClient apiB;
  private TestUser ann;
  private TestUser bob;
  private String chatId;
  private long startedInMillis;

  @BeforeAll
  void startMesh() throws Exception {
    Path repository = ServiceProcesses.builtRepository();
    Assumptions.assumeTrue(repository != null, "the service jars are built by `package`: run this under mvn verify");
    backends = SharedBackends.start("mesh", 10);
    mail = backends.mail();
    common.putAll(backends.settings());
    common.put("CLUSTER_HEARTBEAT_SECONDS", "2");
    common.put("CLUSTER_MAX_NO_HEARTBEAT_SECONDS", "15");
    common.put("SHUTDOWN_GRACE_SECONDS", "10");
    common.put("SERVICE_CALL_TIMEOUT_MILLIS", "30000");
    common.put("LOG_FORMAT", "text");
    int httpA = TestStack.freePort();
    int httpB = TestStack.freePort();
    String origins = "http://127.0.0.1:" + httpA + ",http://127.0.0.1:" + httpB;
    common.put("PUBLIC_URL", "http://127.0.0.1:" + httpA);
    common.put("ALLOWED_ORIGINS", origins);

    long started = System.nanoTime();
    mesh = new ServiceProcesses(repository, common);
    mesh.start("auth-service", "auth-service", Map.of());
    mesh.start("group-service", "group-service", Map.of());
    mesh.start("chat-service-1", "chat-service", Map.of());
    mesh.start("chat-service-2", "chat-service", Map.of());
    mesh.start("ai-service", "ai-service", Map.of());
    mesh.start("media-service", "media-service", Map.of());
    mesh.start("notification-service", "notification-service", Map.of());
    gatewayA = mesh.start("gateway-a", "gateway", Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", String.valueOf(httpA)));
    gatewayB = mesh.start("gateway-b", "gateway", Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", String.valueOf(httpB)));
    mesh.awaitReady(mesh.all(), START_TIMEOUT);
    startedInMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.println("mesh of " + mesh.all().size() + " JVMs ready in " + startedInMillis + " ms");

    vertx = Vertx.vertx();
    apiA = new TestStack.Client(vertx, httpA).api();
    apiB = new TestStack.Client(vertx, httpB).api();
    Users users = new TestStack.Client(vertx, httpA).users(mail);
    ann = users.create("meshann");
    bob = new TestStack.Client(vertx, httpB).users(mail).create("meshbob");
    users.befriend(ann, bob);
    Response chat = apiA.post("/chats", ann.accessToken(), new JsonObject().put("participantId", bob.id()));
    assertThat(chat.status()).as("open chat %s", chat).isIn(200, 201);
    chatId = chat.json().getString("id");
  }

  @AfterAll
  void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (backends != null) {
      backends.close();
    }
  }

  @Test
  @Order(1)
  void everyProcessIsReadyOnItsOwnManagementPort() {
    for (Member member : mesh.all()) {
      assertThat(ServiceProcesses.ready(member)).as("%s /ready", member.name()).isEqualTo(200);
    }
    assertThat(startedInMillis).as("the mesh joined and became ready").isLessThan(START_TIMEOUT.toMillis());
  }

  @Test
  @Order(2)
  void aMessageSentThroughGatewayAReachesASocketOnGatewayB() {
    try (BridgeClient bobOnB = BridgeClient.connect(vertx, gatewayB.httpPort())) {
      bobOnB.register(Addresses.inbox(bob.id()), bob.accessToken());
      // registration is asynchronous: send until one arrives (each send is a real message; none may be lost later)
      long deadline = System.currentTimeMillis() + 30_000;
      String arrived = null;
      for (int i = 0; arrived == null && System.currentTimeMillis() < deadline; i++) {
        String content = "across-" + i;
        Response sent = apiA.post("/chats/" + chatId + "/messages", ann.accessToken(), Chats.text(content));
        assertThat(sent.status()).as("send via A %s", sent).isEqualTo(201);
        try {
          bobOnB.awaitEvent("message.new", d -> content.equals(d.getString("content")), 2_000);
          arrived = content;
        } catch (AssertionError notYet) {
          // the inbox was not registered yet
        }
      }
      assertThat(arrived).as("a message sent through gateway A never reached bob's socket on gateway B").isNotNull();
    }
  }

  @Test
  @Order(3)
  void sigtermOfAChatServiceDuringSendsLosesNoAcknowledgedMessageAndDuplicatesNone() throws Exception {
    int sends = 40;
    int stopAfter = 8;
    Map<String, Long> acknowledged = new LinkedHashMap<>();
    int retries = 0;
    Thread terminator = null;
    try (BridgeClient annOnA = BridgeClient.connect(vertx, gatewayA.httpPort())) {
      for (int i = 0; i < sends; i++) {
        if (i == stopAfter) {
          Member chat1 = mesh.get("chat-service-1");
          // SIGTERM while sends keep flowing: the drain runs concurrently with the next sends
          terminator = new Thread(() -> {
            try {
              int code = mesh.terminate(chat1, Duration.ofSeconds(60));
              System.out.println("chat-service-1 exited with " + code + " after SIGTERM");
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          terminator.start();
        }
        String clientMsgId = "drain-" + i;
        JsonObject body = Chats.text(clientMsgId, clientMsgId).put("chatId", chatId);
        long deadline = System.currentTimeMillis() + 90_000;
        Long seq = null;
        while (seq == null) {
          assertThat(System.currentTimeMillis()).as("send %s never acknowledged within 90 s", clientMsgId).isLessThan(deadline);
          String reply = annOnA.send(Addresses.CLIENT_CHAT_SEND, body, ann.accessToken());
          try {
            JsonObject answer = annOnA.await(f -> reply.equals(f.getString("address")), REPLY_TIMEOUT_MS);
            if ("err".equals(answer.getString("type"))) {
              retries++; // e.g. no handler on the stopping member: the client retries the same clientMsgId
            } else {
              seq = answer.getJsonObject("body").getLong("seq");
            }
          } catch (AssertionError noReply) {
            retries++; // unacknowledged: retry with the same clientMsgId
          }
        }
        acknowledged.put(clientMsgId, seq);
      }
    }
    if (terminator != null) {
      terminator.join(90_000);
    }
    System.out.println("sends=" + sends + " retries=" + retries);
    assertThat(mesh.get("chat-service-1").process().isAlive()).as("chat-service-1 ended after SIGTERM").isFalse();

    JsonArray history = history(apiB, bob, chatId, 0);
    Map<String, Integer> stored = new HashMap<>();
    List<Long> seqs = new ArrayList<>();
    for (Object o : history) {
      JsonObject m = (JsonObject) o;
      seqs.add(m.getLong("seq"));
      stored.merge(m.getString("content"), 1, Integer::sum);
    }
    for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
      assertThat(stored.getOrDefault(ack.getKey(), 0)).as("copies of acknowledged %s", ack.getKey()).isEqualTo(1);
    }
    assertThat(new HashSet<>(acknowledged.values())).as("one seq per acknowledged send").hasSize(sends);
    assertThat(seqs).as("seqs without gap or repeat").isEqualTo(LongRange.of(1, seqs.size()));
    assertThat(ServiceProcesses.ready(mesh.get("chat-service-2"))).as("chat-service-2 /ready").isEqualTo(200);
  }

  @Test
  @Order(4)
  void afterSigkillOfGatewayAItsClientsReconnectToBAndCatchUpBySeq() throws Exception {
    BridgeClient bobOnA = BridgeClient.connect(vertx, gatewayA.httpPort());
    bobOnA.register(Addresses.inbox(bob.id()), bob.accessToken());
    JsonArray before = history(apiA, bob, chatId, 0);
    long lastSeen = before.getJsonObject(before.size() - 1).getLong("seq");

    mesh.kill(gatewayA);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!bobOnA.isClosed() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(bobOnA.isClosed()).as("bob's socket on the killed gateway closed").isTrue();

    // while bob is away, ann (also moved to B) keeps writing
    Set<String> meanwhile = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      Response sent = apiB.post("/chats/" + chatId + "/messages", ann.accessToken(), Chats.text("while-away-" + i));
      assertThat(sent.status()).as("send via B after A died %s", sent).isEqualTo(201);
      meanwhile.add("while-away-" + i);
    }
    try (BridgeClient bobOnB = BridgeClient.connect(vertx, gatewayB.httpPort())) {
      bobOnB.register(Addresses.inbox(bob.id()), bob.accessToken());
      JsonArray missed = history(apiB, bob, chatId, lastSeen);
      List<Long> seqs = missed.stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
      assertThat(seqs).as("caught up by seq after %s without a gap", lastSeen)
        .isEqualTo(LongRange.of(lastSeen + 1, lastSeen + seqs.size()));
      assertThat(missed.stream().map(m -> ((JsonObject) m).getString("content")).toList()).containsAll(meanwhile);
      // and live again on B
      long liveDeadline = System.currentTimeMillis() + 30_000;
      boolean live = false;
      for (int i = 0; !live && System.currentTimeMillis() < liveDeadline; i++) {
        String content = "live-on-b-" + i;
        assertThat(apiB.post("/chats/" + chatId + "/messages", ann.accessToken(), Chats.text(content)).status()).isEqualTo(201);
        try {
          bobOnB.awaitEvent("message.new", d -> content.equals(d.getString("content")), 2_000);
          live = true;
        } catch (AssertionError notYet) {
          // registration still on its way
        }
      }
      assertThat(live).as("bob receives live messages on gateway B").isTrue();
    }
    for (Member member : mesh.all()) {
      if (member != gatewayA && !member.name().equals("chat-service-1")) {
        assertThat(ServiceProcesses.ready(member)).as("%s /ready after the failures", member.name()).isEqualTo(200);
      }
    }
  }

  /** Every message after {@code after}, page by page, as a reconnecting client reads them. */
  private static JsonArray history(ApiClient api, TestUser user, String chatId, long after) {
    JsonArray all = new JsonArray();
    long cursor = after;
    while (true) {
      Response page = api.get("/chats/" + chatId + "/messages?limit=100&after=" + cursor, user.accessToken());
      assertThat(page.status()).as("history %s", page).isEqualTo(200);
      page.items().forEach(all::add);
      if (!page.json().getBoolean("hasMore") || page.items().isEmpty()) {
        return all;
      }
      cursor = page.items().getJsonObject(page.items().size() - 1).getLong("seq");
    }
  }

  /** Consecutive longs, for comparing seq lists. */
  private static final class LongRange {
    static List<Long> of(long first, long last) {
      List<Long> range = new ArrayList<>();
      for (long s = first; s <= last; s++) {
        range.add(s);
      }
      return range;
    }
  }
}
