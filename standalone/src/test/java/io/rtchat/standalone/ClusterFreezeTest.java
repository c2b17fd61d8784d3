package io.rtchat.standalone;

import com.icegreen.greenmail.util.GreenMail;
import io.rtchat.auth.AuthVerticle;
import io.rtchat.common.Addresses;
import io.rtchat.common.ClusterBootstrap;
import io.rtchat.common.Config;
import io.rtchat.common.Inbox;
import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.group.GroupVerticle;
import io.rtchat.media.MediaVerticle;
import io.rtchat.notification.NotificationVerticle;
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
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-member cluster: member A (this JVM's clustered Vert.x) runs the gateway, auth-, group-, media- and
 * notification-service; member B is chat-service from its own jar, as its Deployment runs it. Three users on real
 * bridge sockets send 1:1 and group messages without pause while B is frozen with SIGSTOP for longer than the
 * failure-detection time and then resumed with SIGCONT (a long GC pause, a stalled VM, a throttled container).
 * Every send must be answered: acknowledged (stored once, delivered to every recipient live or by {@code after=}
 * catch-up) or refused with an error, never left hanging; a refused send retried with its clientMsgId is stored once;
 * and within 60 s of SIGCONT every user again reaches every other live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFreezeTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final int HEARTBEAT_SECONDS = 1;
  private static final int MAX_NO_HEARTBEAT_SECONDS = 8;
  /** How long the gateway waits for chat-service before refusing with 503 service.unavailable. */
  private static final long CALL_TIMEOUT_MS = 3_000;
  /** A send not answered within this is counted as unanswered (hanging): well above the gateway's own bound. */
  private static final long REPLY_BOUND_MS = CALL_TIMEOUT_MS + 12_000;
  /** Frozen this long: well past failure detection, so member A drops B from the cluster. */
  private static final Duration FROZEN = Duration.ofSeconds(MAX_NO_HEARTBEAT_SECONDS + 10);
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);
  private static final long LIVE_WAIT_MS = 5_000;

  private final Map<String, String> common = new LinkedHashMap<>();
  private ServiceProcesses processes;
  private SharedBackends backends;
  private GreenMail mail;
  private Vertx memberA;
  /** The users' side: sockets and HTTP clients, not a cluster member. */
  private Vertx clients;
  private final java.util.concurrent.ScheduledExecutorService pinger = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
  private Member chatService;
  private ApiClient api;
  private final List<TestUser> users = new ArrayList<>();
  private final Map<TestUser, BridgeClient> sockets = new LinkedHashMap<>();
  /** Chat id → its participants; the three 1:1 chats and one group chat of all three. */
  private final Map<String, List<TestUser>> chats = new LinkedHashMap<>();
  private final Map<String, String> directChat = new HashMap<>();
  private String groupChat;
  /** Every send of the test (senders and probes), first attempts only. */
  private final SendLog log = new SendLog();

  @BeforeAll
  void startCluster() throws Exception {
    Path repository = ServiceProcesses.builtRepository();
    Assumptions.assumeTrue(repository != null, "the chat-service jar is built by `package`: run this under mvn verify");
    backends = SharedBackends.start("freeze", 4);
    mail = backends.mail();
    common.putAll(backends.settings());
    common.put("CLUSTER_HEARTBEAT_SECONDS", String.valueOf(HEARTBEAT_SECONDS));
    common.put("CLUSTER_MAX_NO_HEARTBEAT_SECONDS", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
    common.put("SERVICE_CALL_TIMEOUT_MILLIS", String.valueOf(CALL_TIMEOUT_MS));
    common.put("SHUTDOWN_GRACE_SECONDS", "5");
    common.put("LOG_FORMAT", "text");
    int httpPort = TestStack.freePort();
    common.put("PUBLIC_URL", "http://127.0.0.1:" + httpPort);
    common.put("ALLOWED_ORIGINS", "http://127.0.0.1:" + httpPort);

    processes = new ServiceProcesses(repository, common);
    chatService = processes.start("freeze-chat-service", "chat-service", Map.of());

    Map<String, String> a = new HashMap<>(common);
    a.put("HTTP_HOST", "127.0.0.1");
    a.put("HTTP_PORT", String.valueOf(httpPort));
    a.put("MANAGEMENT_HOST", "127.0.0.1");
    a.put("MANAGEMENT_PORT", String.valueOf(TestStack.freePort()));
    Config config = Config.fromMap(a);
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    memberA = ClusterBootstrap.clusteredVertx(config).await();
    memberA.deployVerticle(new AuthVerticle(), options).await();
    memberA.deployVerticle(new GroupVerticle(), options).await();
    memberA.deployVerticle(new MediaVerticle(), options).await();
    memberA.deployVerticle(new NotificationVerticle(), options).await();
    memberA.deployVerticle(new GatewayVerticle(), options).await();
    processes.awaitReady(List.of(chatService), START_TIMEOUT);

    clients = Vertx.vertx();
    TestStack.Client client = new TestStack.Client(clients, httpPort);
    api = client.api();
    Users accounts = client.users(mail);
    for (String name : List.of("frzann", "frzbob", "frzcat")) {
      users.add(accounts.create(name));
    }
    for (int i = 0; i < users.size(); i++) {
      for (int j = i + 1; j < users.size(); j++) {
        TestUser x = users.get(i);
        TestUser y = users.get(j);
        accounts.befriend(x, y);
        String chatId = untilChatServiceAnswers(() -> api.post("/chats", x.accessToken(),
          new JsonObject().put("participantId", y.id())), 200, 201).json().getString("id");
        chats.put(chatId, List.of(x, y));
        directChat.put(pair(x, y), chatId);
        directChat.put(pair(y, x), chatId);
      }
    }
    Response group = api.post("/groups", users.get(0).accessToken(), new JsonObject().put("name", Users.unique("freeze"))
      .put("memberIds", new JsonArray(users.subList(1, users.size()).stream().map(TestUser::id).toList())));
    assertThat(group.status()).as("create group %s", group).isEqualTo(201);
    for (TestUser member : users.subList(1, users.size())) {
      Response joined = api.post("/groups/" + group.json().getJsonObject("group").getString("id") + "/accept",
        member.accessToken(), null);
      assertThat(joined.status()).as("join %s", joined).isEqualTo(200);
    }
    groupChat = group.json().getString("chatId");
    chats.put(groupChat, List.copyOf(users));
    for (TestUser user : users) {
      BridgeClient socket = BridgeClient.connect(clients, httpPort);
      listen(socket, user);
      sockets.put(user, socket);
    }
    // as the browser's bridge client does: the gateway closes a socket that has not pinged for a minute
    pinger.scheduleAtFixedRate(() -> sockets.values().forEach(socket -> {
      try {
        socket.write(new JsonObject().put("type", "ping"));
      } catch (RuntimeException closed) {
        // the test fails on its own when a socket closed
      }
    }), 5, 5, java.util.concurrent.TimeUnit.SECONDS);
  }

  @AfterAll
  void stopCluster() {
    // a failed test must never leave a stopped JVM behind: resume before killing
    if (chatService != null) {
      processes.resume(chatService);
    }
    pinger.shutdownNow();
    sockets.values().forEach(BridgeClient::close);
    if (clients != null) {
      clients.close().await();
    }
    if (processes != null) {
      processes.close();
    }
    if (memberA != null) {
      memberA.close().await();
    }
    if (backends != null) {
      backends.close();
    }
  }

  @Test
  void aFrozenChatServiceMemberLosesNoSendAndEveryPairDeliversAgainWithinAMinuteOfResuming() throws Exception {
    assertThat(allPairsRound("before")).as("every pair delivers live before the freeze").isNull();
    AtomicBoolean sending = new AtomicBoolean(true);
    List<Thread> senders = new ArrayList<>();
    for (TestUser user : users) {
      Thread sender = new Thread(() -> keepSending(user, log, sending), "sender-" + user.username());
      sender.start();
      senders.add(sender);
    }
    // when member A dropped B from its cluster and when it had B back: polled, for the figures
    java.util.concurrent.atomic.AtomicLong droppedAt = new java.util.concurrent.atomic.AtomicLong(-1);
    java.util.concurrent.atomic.AtomicLong rejoinedAt = new java.util.concurrent.atomic.AtomicLong(-1);
    java.util.concurrent.ScheduledFuture<?> membership = pinger.scheduleAtFixedRate(() -> {
      int members = clusterMembers();
      if (members < 2 && droppedAt.get() < 0) {
        droppedAt.set(System.currentTimeMillis());
      } else if (members == 2 && droppedAt.get() > 0 && rejoinedAt.get() < 0) {
        rejoinedAt.set(System.currentTimeMillis());
      }
    }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    long frozenAt = -1;
    long resumedAt = -1;
    long recoveredAt = -1;
    int probeRounds = 0;
    String lastProbeFailure = null;
    try {
      awaitCondition(() -> log.acknowledged() >= 30, 60_000, "30 sends acknowledged before the freeze");
      frozenAt = System.currentTimeMillis();
      processes.freeze(chatService);
      System.out.println("SIGSTOP chat-service pid=" + chatService.process().pid());
      long frozenUntil = frozenAt + FROZEN.toMillis();
      while (System.currentTimeMillis() < frozenUntil) {
        Thread.sleep(200);
      }
      int refusedWhileFrozen = log.refused();
      processes.resume(chatService);
      resumedAt = System.currentTimeMillis();
      System.out.println("SIGCONT chat-service after " + (resumedAt - frozenAt) + " ms; refused while frozen: "
        + refusedWhileFrozen + "; member A dropped B " + (droppedAt.get() - frozenAt) + " ms after SIGSTOP");
      assertThat(droppedAt.get()).as("member A dropped the frozen member from the cluster (failure detection)")
        .isBetween(frozenAt, resumedAt);
      assertThat(refusedWhileFrozen).as("sends to the frozen chat-service were refused, not left hanging").isPositive();

      // every pair, live, again: probe rounds until one passes (bounded well past the 60 s asked for, to measure)
      long probeDeadline = resumedAt + RECOVERY_BOUND.toMillis() + 60_000;
      while (recoveredAt < 0 && System.currentTimeMillis() < probeDeadline) {
        probeRounds++;
        long roundStarted = System.currentTimeMillis();
        lastProbeFailure = allPairsRound("probe" + probeRounds);
        if (lastProbeFailure == null) {
          recoveredAt = roundStarted;
          // the senders go on a little after recovery: their sends must reach everyone live too
          Thread.sleep(5_000);
        } else {
          System.out.println("probe round " + probeRounds + " at +" + (roundStarted - resumedAt) + " ms: " + lastProbeFailure);
          Thread.sleep(1_000);
        }
      }
    } finally {
      processes.resume(chatService);
      membership.cancel(false);
      sending.set(false);
      for (Thread sender : senders) {
        sender.join(REPLY_BOUND_MS + 10_000);
      }
    }
    System.out.println("after SIGCONT: member A had B back after " + (rejoinedAt.get() < 0 ? "never" : (rejoinedAt.get() - resumedAt) + " ms")
      + "; probe rounds=" + probeRounds + ", all pairs live after "
      + (recoveredAt < 0 ? "never" : (recoveredAt - resumedAt) + " ms") + "; last failure: " + lastProbeFailure);
    System.out.println("chat-service alive=" + chatService.process().isAlive() + " /ready=" + ServiceProcesses.ready(chatService));
    assertThat(recoveredAt).as("every user reached every other live again after SIGCONT; last failure: %s\n%s",
      lastProbeFailure, processes.tail(chatService)).isPositive();
    assertThat(recoveredAt - resumedAt).as("time from SIGCONT to all-pairs delivery").isLessThanOrEqualTo(RECOVERY_BOUND.toMillis());

    List<Attempt> attempts = log.all();
    List<Attempt> unanswered = attempts.stream().filter(x -> x.outcome == Outcome.UNANSWERED).toList();
    assertThat(unanswered).as("sends left without an answer for %s ms", REPLY_BOUND_MS).isEmpty();
    Map<String, Long> refusalCodes = attempts.stream().filter(x -> x.outcome == Outcome.REFUSED)
      .collect(Collectors.groupingBy(x -> x.failureCode + " " + x.errorCode, TreeMap::new, Collectors.counting()));
    long slowestRefusal = attempts.stream().filter(x -> x.outcome == Outcome.REFUSED).mapToLong(Attempt::millis).max().orElse(0);
    long finalRecoveredAt = recoveredAt;
    List<Attempt> afterRecovery = attempts.stream()
      .filter(x -> x.outcome == Outcome.ACKNOWLEDGED && x.sentAt >= finalRecoveredAt).toList();
    System.out.println("sends=" + attempts.size() + " acknowledged=" + log.acknowledged() + " refused=" + log.refused()
      + " refusals=" + refusalCodes + " slowest refusal=" + slowestRefusal + " ms; acknowledged after recovery="
      + afterRecovery.size());
    assertThat(refusalCodes.keySet()).as("refusals are 503 service.unavailable").allMatch(c -> c.equals("503 service.unavailable"));

    // after recovery, live again: every recipient's socket got every acknowledged send
    for (Attempt sent : afterRecovery) {
      for (TestUser to : chats.get(sent.chatId)) {
        if (!to.equals(sent.from)) {
          sockets.get(to).awaitEvent("message.new", d -> sent.clientMsgId.equals(d.getString("content")), LIVE_WAIT_MS);
        }
      }
    }

    // the refused ones, retried by their client with the same clientMsgId
    Map<String, Long> retriedSeq = new HashMap<>();
    for (Attempt refused : attempts.stream().filter(x -> x.outcome != Outcome.ACKNOWLEDGED).toList()) {
      Attempt retry = null;
      long deadline = System.currentTimeMillis() + 30_000;
      while ((retry == null || retry.outcome != Outcome.ACKNOWLEDGED) && System.currentTimeMillis() < deadline) {
        retry = sendOnce(refused.from, refused.chatId, refused.clientMsgId);
      }
      assertThat(retry.outcome).as("retry of %s", refused.clientMsgId).isEqualTo(Outcome.ACKNOWLEDGED);
      retriedSeq.put(refused.clientMsgId, retry.seq);
    }

    int caughtUp = 0;
    int live = 0;
    for (Map.Entry<String, List<TestUser>> chat : chats.entrySet()) {
      String chatId = chat.getKey();
      JsonArray history = history(chat.getValue().get(0), chatId, 0);
      List<Long> seqs = history.stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
      assertThat(seqs).as("seqs of chat %s without gap or repeat", chatId)
        .isEqualTo(LongStreamRange.of(seqs.isEmpty() ? 1 : seqs.get(0), seqs.size()));
      Map<String, List<Long>> storedSeqs = new HashMap<>();
      history.stream().map(m -> (JsonObject) m).filter(m -> m.getString("content") != null)
        .forEach(m -> storedSeqs.computeIfAbsent(m.getString("content"), c -> new ArrayList<>()).add(m.getLong("seq")));
      Map<String, Attempt> sentHere = new LinkedHashMap<>();
      attempts.stream().filter(x -> x.chatId.equals(chatId)).forEach(x -> sentHere.putIfAbsent(x.clientMsgId, x));
      for (Attempt sent : sentHere.values()) {
        List<Long> copies = storedSeqs.getOrDefault(sent.clientMsgId, List.of());
        assertThat(copies).as("stored copies of %s (%s)", sent.clientMsgId, sent.outcome).hasSize(1);
        Long expected = sent.outcome == Outcome.ACKNOWLEDGED ? sent.seq : retriedSeq.get(sent.clientMsgId);
        assertThat(copies.get(0)).as("seq of %s as acknowledged", sent.clientMsgId).isEqualTo(expected);
      }
      storedSeqs.keySet().stream().filter(SendLog::isOurs)
        .forEach(content -> assertThat(sentHere).as("stored %s was sent", content).containsKey(content));
      // delivery: each recipient either saw it live or reads it when catching up with after=
      for (TestUser recipient : chat.getValue()) {
        Set<String> liveHere = sockets.get(recipient).events().stream()
          .filter(e -> "message.new".equals(e.getString("type")))
          .map(e -> e.getJsonObject("data")).filter(d -> chatId.equals(d.getString("chatId")))
          .map(d -> d.getString("content")).collect(Collectors.toSet());
        long lastLive = lastContiguousLiveSeq(recipient, chatId, seqs.isEmpty() ? 1 : seqs.get(0));
        Set<String> catchUp = history(recipient, chatId, lastLive).stream()
          .map(m -> ((JsonObject) m).getString("content")).collect(Collectors.toSet());
        for (Attempt sent : sentHere.values()) {
          if (sent.from.equals(recipient)) {
            continue;
          }
          if (liveHere.contains(sent.clientMsgId)) {
            live++;
          } else {
            assertThat(catchUp).as("%s reaches %s by catch-up after seq %s", sent.clientMsgId, recipient.username(), lastLive)
              .contains(sent.clientMsgId);
            caughtUp++;
          }
        }
      }
    }
    System.out.println("deliveries: live=" + live + " by catch-up=" + caughtUp + " retried=" + retriedSeq.size()
      + " recovered " + (recoveredAt - resumedAt) + " ms after SIGCONT");
  }

  // ---- sending --------------------------------------------------------------------------------------------------

  private enum Outcome { ACKNOWLEDGED, REFUSED, UNANSWERED }

  /** One send over the bridge and what came of it. */
  private static final class Attempt {
    final TestUser from;
    final String chatId;
    final String clientMsgId;
    Outcome outcome;
    Long seq;
    long sentAt;
    long answeredAt;
    int failureCode;
    String errorCode;

    Attempt(TestUser from, String chatId, String clientMsgId) {
      this.from = from;
      this.chatId = chatId;
      this.clientMsgId = clientMsgId;
    }

    long millis() {
      return answeredAt - sentAt;
    }
  }

  /** Every first attempt of every send, from all threads. */
  private static final class SendLog {
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    void add(Attempt attempt) {
      attempts.add(attempt);
    }

    List<Attempt> all() {
      return List.copyOf(attempts);
    }

    int acknowledged() {
      return (int) attempts.stream().filter(x -> x.outcome == Outcome.ACKNOWLEDGED).count();
    }

    int refused() {
      return (int) attempts.stream().filter(x -> x.outcome == Outcome.REFUSED).count();
    }

    static boolean isOurs(String content) {
      return content.startsWith("frz-") || content.startsWith("probe-");
    }
  }

  private void keepSending(TestUser user, SendLog log, AtomicBoolean sending) {
    List<String> mine = chats.entrySet().stream().filter(c -> c.getValue().contains(user)).map(Map.Entry::getKey).toList();
    for (int i = 0; sending.get(); i++) {
      String chatId = mine.get(i % mine.size());
      log.add(sendOnce(user, chatId, "frz-" + user.username() + "-" + i));
      sleep(100);
    }
  }

  /** Sends once and waits (bounded) for the acknowledgement or the refusal. */
  private Attempt sendOnce(TestUser from, String chatId, String clientMsgId) {
    Attempt attempt = new Attempt(from, chatId, clientMsgId);
    BridgeClient socket = sockets.get(from);
    attempt.sentAt = System.currentTimeMillis();
    try {
      String reply = socket.send(Addresses.CLIENT_CHAT_SEND, Chats.text(clientMsgId, clientMsgId).put("chatId", chatId),
        from.accessToken());
      JsonObject answer = socket.await(f -> reply.equals(f.getString("address")), REPLY_BOUND_MS);
      attempt.answeredAt = System.currentTimeMillis();
      if ("err".equals(answer.getString("type"))) {
        attempt.outcome = Outcome.REFUSED;
        attempt.failureCode = answer.getInteger("failureCode", -1);
        attempt.errorCode = errorCode(answer.getString("message"));
      } else {
        attempt.outcome = Outcome.ACKNOWLEDGED;
        attempt.seq = answer.getJsonObject("body").getLong("seq");
      }
    } catch (AssertionError | RuntimeException noAnswer) {
      attempt.outcome = Outcome.UNANSWERED;
      attempt.errorCode = String.valueOf(noAnswer.getMessage()).lines().findFirst().orElse("");
    }
    return attempt;
  }

  private static String errorCode(String message) {
    try {
      return new JsonObject(message).getJsonObject("error").getString("code");
    } catch (RuntimeException notJson) {
      return String.valueOf(message);
    }
  }

  /**
   * Every user sends to every other in their 1:1 chat and once in the group; each send must be acknowledged and
   * reach every recipient's socket live. Null when all did, else what failed first.
   */
  private String allPairsRound(String round) {
    for (TestUser from : users) {
      List<String> targets = new ArrayList<>();
      for (TestUser to : users) {
        if (!to.equals(from)) {
          targets.add(directChat.get(pair(from, to)));
        }
      }
      targets.add(groupChat);
      for (String chatId : targets) {
        // at most 64 characters, the limit of a clientMsgId
        String clientMsgId = "probe-" + round + "-" + from.username() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Attempt sent = sendOnce(from, chatId, clientMsgId);
        log.add(sent);
        if (sent.outcome != Outcome.ACKNOWLEDGED) {
          return clientMsgId + " " + sent.outcome + " " + sent.failureCode + " " + sent.errorCode;
        }
        for (TestUser to : chats.get(chatId)) {
          if (to.equals(from)) {
            continue;
          }
          try {
            sockets.get(to).awaitEvent("message.new", d -> clientMsgId.equals(d.getString("content")), LIVE_WAIT_MS);
          } catch (AssertionError notLive) {
            return clientMsgId + " acknowledged but not live at " + to.username();
          }
        }
      }
    }
    return null;
  }

  // ---- reading --------------------------------------------------------------------------------------------------

  /** The highest seq up to which this recipient saw the chat live without a gap: where its catch-up starts. */
  private long lastContiguousLiveSeq(TestUser recipient, String chatId, long firstSeq) {
    Set<Long> seen = sockets.get(recipient).events().stream().filter(e -> "message.new".equals(e.getString("type")))
      .map(e -> e.getJsonObject("data")).filter(d -> chatId.equals(d.getString("chatId")))
      .map(d -> d.getLong("seq")).collect(Collectors.toSet());
    long last = firstSeq - 1;
    while (seen.contains(last + 1)) {
      last++;
    }
    return last;
  }

  private JsonArray history(TestUser user, String chatId, long after) {
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

  /** Registers the socket on the user's inbox and waits until an event published on this member reaches it. */
  private void listen(BridgeClient socket, TestUser user) {
    socket.register(Addresses.inbox(user.id()), user.accessToken());
    String marker = "sync-" + UUID.randomUUID();
    awaitCondition(() -> {
      Inbox.publish(memberA.eventBus(), user.id(), "test.sync", new JsonObject().put("marker", marker));
      try {
        socket.await(f -> "rec".equals(f.getString("type")) && marker.equals(
          f.getJsonObject("body").getJsonObject("data").getString("marker")), 200);
        return true;
      } catch (AssertionError notYet) {
        return false;
      }
    }, 10_000, "inbox of " + user.username() + " registered");
  }

  /** Repeats a request until chat-service answers it (it may still be announcing its proxy to the cluster). */
  private static Response untilChatServiceAnswers(java.util.function.Supplier<Response> request, Integer... ok) {
    long deadline = System.currentTimeMillis() + 60_000;
    Response last = request.get();
    while (!List.of(ok).contains(last.status()) && System.currentTimeMillis() < deadline) {
      sleep(500);
      last = request.get();
    }
    assertThat(last.status()).as("%s", last).isIn((Object[]) ok);
    return last;
  }

  /** Members of the cluster as member A sees them. */
  private int clusterMembers() {
    return ((io.vertx.core.internal.VertxInternal) memberA).clusterManager().getNodes().size();
  }

  private static String pair(TestUser from, TestUser to) {
    return from.id() + ">" + to.id();
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition, long timeoutMs, String what) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("waiting for: %s", what).isLessThan(deadline);
      sleep(100);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} consecutive longs from {@code first}, for comparing seq lists. */
  private static final class LongStreamRange {
    static List<Long> of(long first, int count) {
      List<Long> range = new ArrayList<>();
      for (long s = first; s < first + count; s++) {
        range.add(s);
      }
      return range;
    }
  }
}
