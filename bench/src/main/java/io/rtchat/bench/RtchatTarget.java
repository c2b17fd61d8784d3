package io.rtchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server, set up the way people use it: register over REST, read the code from the mail the server wrote
 * to DATA_DIR/outbox, verify, send and accept friend requests, open 1:1 chats, create groups and accept the invites.
 */
final class RtchatTarget implements Target {

  private static final String PASSWORD = "bench password 1";
  private static final Pattern OTP = Pattern.compile("\\b(\\d{6})\\b");
  private static final Pattern TO = Pattern.compile("^To: *(.*)$", Pattern.MULTILINE);

  private final Vertx vertx;
  private final WebClient http;
  private final Path outbox;
  private final String runId;
  private final int concurrency;
  private final Set<String> friendships = ConcurrentHashMap.newKeySet();
  private final Map<String, String> otps = new ConcurrentHashMap<>();
  private final Set<Path> readMails = new HashSet<>();

  RtchatTarget(Vertx vertx, int port, Path dataDir, String runId, int concurrency) {
    this.vertx = vertx;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(Math.max(8, concurrency)));
    this.outbox = dataDir.resolve("outbox");
    this.runId = runId;
    this.concurrency = concurrency;
  }

  @Override
  public String name() {
    return "rtchat";
  }

  @Override
  public String storage() {
    String uri = System.getenv("MONGO_URI");
    if (uri != null && !uri.isBlank()) {
      return "MongoDB at MONGO_URI";
    }
    return "memory".equals(System.getenv("MONGO_EMBEDDED_BACKEND"))
      ? "embedded mongo-java-server, memory backend"
      : "embedded mongo-java-server, file backend (memory plus a journal written before each write is acknowledged)";
  }

  @Override
  public Future<List<User>> users(int count) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      indexes.add(i);
    }
    // Argon2 hashing is slow on purpose: a few registrations in flight keep the server busy without queueing.
    return Bounded.map(indexes, concurrency, this::user);
  }

  private Future<User> user(int index) {
    String username = "b" + runId + "_" + index;
    String email = username + "@bench.test";
    JsonObject body = new JsonObject().put("firstName", "Bench").put("lastName", "User " + index)
      .put("username", username).put("email", email).put("password", PASSWORD).put("passwordConfirm", PASSWORD);
    return post("/auth/register", null, body, 201)
      .compose(r -> awaitOtp(email, System.currentTimeMillis() + 30_000))
      .compose(otp -> post("/auth/verify", null, new JsonObject().put("email", email).put("otp", otp), 200))
      .map(session -> new User(session.getJsonObject("user").getString("id"), session.getString("accessToken")));
  }

  @Override
  public Future<String> directChat(User a, User b) {
    return befriend(a, b)
      .compose(v -> post("/chats", a.token(), new JsonObject().put("participantId", b.id()), -1))
      .map(RtchatTarget::chatId);
  }

  @Override
  public Future<String> groupChat(String name, List<User> members) {
    User creator = members.get(0);
    List<User> others = members.subList(1, members.size());
    JsonArray ids = new JsonArray();
    others.forEach(u -> ids.add(u.id()));
    // Groups need no friendship: the creator invites, each invitee accepts.
    return post("/groups", creator.token(), new JsonObject().put("name", name).put("memberIds", ids), 201)
      .compose(created -> {
        String groupId = created.getJsonObject("group").getString("id");
        String chatId = created.getString("chatId");
        return Bounded.map(others, concurrency, u -> post("/groups/" + groupId + "/accept", u.token(), new JsonObject(), -1))
          .map(accepted -> chatId);
      });
  }

  private Future<Void> befriend(User a, User b) {
    String key = a.id().compareTo(b.id()) < 0 ? a.id() + b.id() : b.id() + a.id();
    if (!friendships.add(key)) {
      return Future.succeededFuture();
    }
    return post("/friends/requests", a.token(), new JsonObject().put("receiverId", b.id()), 201)
      .compose(request -> post("/friends/requests/" + request.getString("id") + "/accept", b.token(), new JsonObject(), -1))
      .mapEmpty();
  }

  private static String chatId(JsonObject answer) {
    if (answer.getString("id") != null) {
      return answer.getString("id");
    }
    JsonObject chat = answer.getJsonObject("chat");
    if (chat != null && chat.getString("id") != null) {
      return chat.getString("id");
    }
    throw new IllegalStateException("no chat id in " + answer);
  }

  /** POST under /api/v1; {@code expected} -1 takes any 2xx. Fails with the status and body otherwise. */
  private Future<JsonObject> post(String path, String token, JsonObject body, int expected) {
    var request = http.post("/api/v1" + path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(body).compose(r -> {
      boolean ok = expected < 0 ? r.statusCode() / 100 == 2 : r.statusCode() == expected;
      if (!ok) {
        return Future.failedFuture(new SetupException(path, r));
      }
      Buffer b = r.body();
      return Future.succeededFuture(b == null || b.length() == 0 ? new JsonObject() : b.toJsonObject());
    });
  }

  /** A setup call the server refused: its route, status and answer. */
  static final class SetupException extends RuntimeException {
    final int status;

    SetupException(String path, HttpResponse<Buffer> r) {
      super("POST " + path + " → " + r.statusCode() + " " + r.bodyAsString());
      this.status = r.statusCode();
    }
  }

  /** The 6-digit code in the mail to this address: reads each new outbox file once. */
  private Future<String> awaitOtp(String email, long deadline) {
    return vertx.executeBlocking(() -> {
      while (System.currentTimeMillis() < deadline) {
        String otp = otps.get(email);
        if (otp != null) {
          return otp;
        }
        scanOutbox();
        otp = otps.get(email);
        if (otp != null) {
          return otp;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("no verification mail to " + email + " in " + outbox);
    }, false);
  }

  private synchronized void scanOutbox() throws IOException {
    if (!Files.isDirectory(outbox)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox)) {
      for (Path file : files) {
        if (readMails.contains(file)) {
          continue;
        }
        String mail = Files.readString(file);
        int bodyStart = mail.indexOf("\n\n");
        Matcher to = TO.matcher(mail);
        if (bodyStart < 0 || !to.find()) {
          continue; // still being written
        }
        Matcher otp = OTP.matcher(mail.substring(bodyStart));
        if (otp.find()) {
          otps.put(to.group(1).replaceAll(".*<|>.*", "").trim().toLowerCase(), otp.group(1));
          readMails.add(file);
        }
      }
    }
  }
}
