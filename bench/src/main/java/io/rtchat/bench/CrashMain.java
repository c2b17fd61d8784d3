package io.rtchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The crash scenario: does "acknowledged" mean "stored"? Starts the standalone server on a fresh DATA_DIR with the
 * embedded MongoDB on its file backend, lets {@code senders} users post {@code messages} messages each into one
 * group chat over REST (each with its own clientMsgId, one in flight per sender, retried with the same clientMsgId
 * until answered), kills the server with SIGKILL mid-stream, restarts it on the same DATA_DIR and lets the senders
 * finish. Then it reads the chat's whole history and checks that every acknowledged message is stored under the seq
 * it was acknowledged with, that no clientMsgId is stored twice, that the seqs run 1..N without a gap and that no seq
 * was acknowledged for two different messages; and that the chat's summary (its last seq and last message, written
 * behind the sends) ends at the last stored message.
 *
 * <pre>
 * --server-jar JAR --out FILE [--runs 5] [--senders 4] [--messages 300] [--port 18100] [--work DIR]
 * [--start-timeout-seconds 300]
 * </pre>
 */
public final class CrashMain {

  /** One acknowledged send: what the server answered for this clientMsgId. */
  private record Ack(String clientMsgId, long seq, String id) {
  }

  /** How long a server may take to start (a loaded machine starts it slowly). */
  private static long startTimeoutMs;

  private CrashMain() {
  }

  public static void main(String[] argv) {
    try {
      System.exit(run(new Args(argv)) ? 0 : 2);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static boolean run(Args args) throws Exception {
    Path jar = Path.of(args.required("server-jar"));
    int runs = args.integer("runs", 5);
    int senders = args.integer("senders", 4);
    int messages = args.integer("messages", 300);
    int port = args.integer("port", 18100);
    Path work = Path.of(args.get("work", System.getProperty("java.io.tmpdir")));
    startTimeoutMs = args.integer("start-timeout-seconds", 300) * 1000L;
    Vertx vertx = Vertx.vertx();
    JsonArray results = new JsonArray();
    boolean allPassed = true;
    try {
      for (int run = 1; run <= runs; run++) {
        JsonObject result = oneRun(vertx, jar, work, port, senders, messages, run);
        results.add(result);
        allPassed &= result.getBoolean("passed");
        BenchMain.log("crash run " + run + ": " + result.encode());
      }
    } finally {
      vertx.close().await();
    }
    JsonObject report = new JsonObject().put("scenario", "crash").put("startedAt", Instant.now().toString())
      .put("senders", senders).put("messagesPerSender", messages).put("storage", "embedded mongo-java-server, h2 file backend")
      .put("runs", results).put("passed", allPassed);
    Files.writeString(Path.of(args.required("out")), report.encodePrettily());
    return allPassed;
  }

  private static JsonObject oneRun(Vertx vertx, Path jar, Path work, int port, int senders, int messages, int run)
    throws Exception {
    Path dataDir = Files.createTempDirectory(work, "rtchat-crash-");
    ServerProcess server = ServerProcess.start(jar, dataDir, port);
    try {
      String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + run;
      RtchatTarget target = new RtchatTarget(vertx, port, dataDir, runId, 4);
      List<Target.User> users = target.users(senders).await();
      String chatId = target.groupChat("crash " + runId, users).await();

      int total = senders * messages;
      int killAfter = ThreadLocalRandom.current().nextInt(total / 5, total * 4 / 5);
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setConnectTimeout(2_000).setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(senders * 2));
      Map<String, Ack> acks = new ConcurrentHashMap<>();
      Map<Long, Set<String>> acksBySeq = new ConcurrentHashMap<>();
      AtomicInteger retries = new AtomicInteger();
      Promise<Void> killPoint = Promise.promise();
      List<Future<Void>> done = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        Target.User user = users.get(s);
        String prefix = runId + "-s" + s + "-";
        done.add(sendAll(vertx, http, user, chatId, prefix, messages, ack -> {
          acks.put(ack.clientMsgId(), ack);
          acksBySeq.computeIfAbsent(ack.seq(), k -> ConcurrentHashMap.newKeySet()).add(ack.clientMsgId());
          if (acks.size() >= killAfter) {
            killPoint.tryComplete();
          }
        }, retries));
      }
      killPoint.future().await();
      int ackedAtKill = acks.size();
      server.kill();
      BenchMain.log("crash run " + run + ": SIGKILL after " + ackedAtKill + " acknowledged");
      server = ServerProcess.start(jar, dataDir, port);
      Future.all(done).await();

      List<JsonObject> stored = history(http, users.get(0), chatId);
      // A clientMsgId is shown only to its sender: each sender's own messages are read from their own history.
      List<JsonObject> own = new ArrayList<>();
      for (Target.User user : users) {
        history(http, user, chatId).stream().filter(m -> user.id().equals(m.getString("sender"))).forEach(own::add);
      }
      JsonObject result = check(acks, acksBySeq, stored, own, total);
      // The chat's summary (written behind the sends) must end at the last stored message, as every member sees it.
      JsonObject chat = chatOf(http, users.get(0), chatId);
      long lastSeq = chat.getLong("lastSeq", -1L);
      JsonObject lastMessage = chat.getJsonObject("lastMessage", new JsonObject());
      boolean summaryRight = lastSeq == stored.size() && lastMessage.getLong("seq", -1L) == lastSeq;
      result.put("chatLastSeq", lastSeq).put("summaryRight", summaryRight)
        .put("passed", result.getBoolean("passed") && summaryRight);
      http.close();
      return result.put("run", run).put("killedAfterAcknowledged", ackedAtKill).put("retries", retries.get());
    } finally {
      server.stop();
      deleteTree(dataDir);
    }
  }

  /** Sends one sender's messages one after another; a send that gets no answer is retried with its clientMsgId. */
  private static Future<Void> sendAll(Vertx vertx, WebClient http, Target.User user, String chatId, String prefix,
                                      int messages, java.util.function.Consumer<Ack> onAck, AtomicInteger retries) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < messages; i++) {
      String clientMsgId = prefix + i;
      chain = chain.compose(v -> sendUntilAnswered(vertx, http, user, chatId, clientMsgId, retries).map(ack -> {
        onAck.accept(ack);
        return null;
      }));
    }
    return chain;
  }

  private static Future<Ack> sendUntilAnswered(Vertx vertx, WebClient http, Target.User user, String chatId,
                                               String clientMsgId, AtomicInteger retries) {
    JsonObject body = new JsonObject().put("clientMsgId", clientMsgId).put("type", "text").put("content", "crash " + clientMsgId);
    return http.post("/api/v1/chats/" + chatId + "/messages").bearerTokenAuthentication(user.token()).timeout(10_000)
      .sendJsonObject(body)
      .compose(r -> r.statusCode() == 200 || r.statusCode() == 201
        ? Future.succeededFuture(ack(clientMsgId, r))
        : Future.failedFuture("status " + r.statusCode() + " " + r.bodyAsString()))
      .recover(err -> {
        retries.incrementAndGet();
        Promise<Void> later = Promise.promise();
        vertx.setTimer(50, t -> later.complete());
        return later.future().compose(v -> sendUntilAnswered(vertx, http, user, chatId, clientMsgId, retries));
      });
  }

  private static Ack ack(String clientMsgId, HttpResponse<Buffer> r) {
    JsonObject answer = r.bodyAsJsonObject();
    JsonObject message = answer.getJsonObject("message", answer);
    return new Ack(clientMsgId, message.getLong("seq"), message.getString("id"));
  }

  private static JsonObject chatOf(WebClient http, Target.User user, String chatId) {
    HttpResponse<Buffer> r = http.get("/api/v1/chats/" + chatId).bearerTokenAuthentication(user.token()).send().await();
    if (r.statusCode() != 200) {
      throw new IllegalStateException("chat → " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** The chat's whole history, oldest first, paged by seq the way a reconnecting client catches up. */
  private static List<JsonObject> history(WebClient http, Target.User user, String chatId) {
    List<JsonObject> all = new ArrayList<>();
    long after = 0;
    while (true) {
      HttpResponse<Buffer> r = http.get("/api/v1/chats/" + chatId + "/messages?limit=100&after=" + after)
        .bearerTokenAuthentication(user.token()).send().await();
      if (r.statusCode() != 200) {
        throw new IllegalStateException("history → " + r.statusCode() + " " + r.bodyAsString());
      }
      JsonObject page = r.bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        all.add(items.getJsonObject(i));
      }
      if (items.isEmpty() || !page.getBoolean("hasMore", false)) {
        return all;
      }
      after = all.get(all.size() - 1).getLong("seq");
    }
  }

  /**
   * {@code stored} is the whole history as one member reads it (seqs, count); {@code own} is every sender's own
   * messages as that sender reads them, the only view that shows their clientMsgIds (unique per sender here).
   */
  private static JsonObject check(Map<String, Ack> acks, Map<Long, Set<String>> acksBySeq, List<JsonObject> stored,
                                  List<JsonObject> own, int total) {
    Map<String, JsonObject> byClientMsgId = new HashMap<>();
    int duplicated = 0;
    for (JsonObject m : own) {
      if (byClientMsgId.put(m.getString("clientMsgId"), m) != null) {
        duplicated++;
      }
    }
    int lost = 0;
    int movedSeq = 0;
    for (Ack ack : acks.values()) {
      JsonObject m = byClientMsgId.get(ack.clientMsgId());
      if (m == null) {
        lost++;
      } else if (m.getLong("seq") != ack.seq() || !m.getString("id").equals(ack.id())) {
        movedSeq++;
      }
    }
    int reused = (int) acksBySeq.values().stream().filter(ids -> ids.size() > 1).count();
    List<Long> seqs = stored.stream().map(m -> m.getLong("seq")).sorted(Comparator.naturalOrder()).toList();
    int gaps = 0;
    for (int i = 0; i < seqs.size(); i++) {
      if (seqs.get(i) != i + 1) {
        gaps++;
      }
    }
    boolean passed = lost == 0 && movedSeq == 0 && duplicated == 0 && reused == 0 && gaps == 0
      && acks.size() == total && stored.size() == total && own.size() == total;
    return new JsonObject().put("acknowledged", acks.size()).put("stored", stored.size()).put("lost", lost)
      .put("storedUnderOtherSeq", movedSeq).put("duplicated", duplicated).put("seqsReused", reused)
      .put("seqGaps", gaps).put("passed", passed);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The standalone server as a child process on a DATA_DIR with the durable file backend. */
  private static final class ServerProcess {

    private final Process process;

    private ServerProcess(Process process) {
      this.process = process;
    }

    static ServerProcess start(Path jar, Path dataDir, int port) throws Exception {
      Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m", "-Xmx512m", "-jar", jar.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.remove("MONGO_URI");
      env.put("DATA_DIR", dataDir.toString());
      env.put("HTTP_PORT", Integer.toString(port));
      env.put("PUBLIC_URL", "http://127.0.0.1:" + port);
      env.put("MONGO_EMBEDDED_BACKEND", "file");
      env.put("ACCESS_TOKEN_TTL_SECONDS", "86400");
      ServerProcess server = new ServerProcess(builder.start());
      long deadline = System.currentTimeMillis() + startTimeoutMs;
      while (System.currentTimeMillis() < deadline) {
        if (Files.exists(log) && Files.readString(log).contains("rtchat is up")) {
          return server;
        }
        if (!server.process.isAlive()) {
          throw new IllegalStateException("server died:\n" + tail(log));
        }
        Thread.sleep(100);
      }
      server.kill();
      throw new IllegalStateException("server did not start:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGKILL: no shutdown hook, no final commit. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
