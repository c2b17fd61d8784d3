package io.rtchat.standalone;

import io.rtchat.common.Addresses;
import io.rtchat.common.Setting;
import io.rtchat.standalone.support.BridgeClient;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, generated: every operation of the OpenAPI document (gateway/src/main/resources/openapi) with wrong
 * types, missing and extra fields, huge and deeply nested JSON, invalid ids, unicode edge cases and
 * {@code {"$gt": ""}} in every position; and bridge frames of every shape. The server must never answer 5xx, never
 * show a stack trace, and a refused request must change no stored document.
 */
class FuzzTest {

  static TestStack stack;
  static WebClient http;
  static MongoClient mongo;
  static TestUser fuzzer;
  static List<Operation> operations;
  static final AtomicInteger requests = new AtomicInteger();
  static final AtomicInteger refused = new AtomicInteger();
  static final AtomicInteger frames = new AtomicInteger();
  /** Fields that count attempts by design (a refused login or code is still an attempt): not "documents changed". */
  static final List<String> COUNTERS = List.of("otpAttempts", "otpTotalAttempts", "resetMailSentAt", "accountExistsMailSentAt",
    "status", "presenceVersion", "lastSeenAt"); // presence follows sockets opening and closing, not requests

  record Operation(HttpMethod method, String path, List<String> queryParams, JsonObject bodySchema, boolean isPublic) {
  }

  record Request(Operation op, Map<String, String> pathParams, Map<String, String> query, Buffer body, boolean withToken) {
  }

  @BeforeContainer
  static void start() throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
      "RATE_USER_PER_SECOND", "100000", "RATE_USER_BURST", "100000",
      "RATE_IP_PER_SECOND", "100000", "RATE_IP_BURST", "100000",
      "RATE_ACCOUNT_ROUTES_PER_MINUTE", "1000000", "RATE_ACCOUNT_ROUTES_BURST", "100000",
      "RATE_INVITES_PER_HOUR", "1000000", "RATE_INVITES_BURST", "100000",
      "RATE_COMMANDS_PER_SECOND", "100000", "RATE_COMMANDS_BURST", "100000"));
    // The AI chat configured (its provider unreachable: replies fail later, as ai.error events), so the fuzzer
    // reaches its input checks instead of the 503 ai.not_configured that an unconfigured server rightly answers.
    settings.put("AI_BASE_URL", "http://127.0.0.1:" + TestStack.freePort());
    settings.put("AI_MODEL", "fuzz-model");
    stack = TestStack.start(settings);
    http = WebClient.create(stack.vertx);
    mongo = MongoClient.createShared(stack.vertx, new JsonObject()
      .put("connection_string", stack.config.get(Setting.MONGO_URI)).put("db_name", stack.config.get(Setting.MONGO_DB)));
    fuzzer = stack.users().create("fuzz");
    operations = loadOperations();
    assertThat(operations).hasSizeGreaterThan(40);
  }

  @AfterContainer
  static void stop() {
    System.out.printf("fuzz figures: %d REST requests (%d refused with 4xx), %d bridge frames%n",
      requests.get(), refused.get(), frames.get());
    mongo.close();
    stack.close();
  }

  /** Every operation of the document, with its query parameters and its request body schema (references resolved). */
  static List<Operation> loadOperations() throws Exception {
    Path dir = Path.of("..", "gateway", "src", "main", "resources", "openapi");
    JsonObject schemas = new JsonObject();
    List<JsonObject> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonObject part = new JsonObject(Files.readString(f));
        parts.add(part);
        JsonObject own = part.getJsonObject("schemas", part.getJsonObject("components", new JsonObject()).getJsonObject("schemas"));
        if (own != null) {
          schemas.mergeIn(own);
        }
      }
    }
    List<Operation> ops = new ArrayList<>();
    for (JsonObject part : parts) {
      JsonObject paths = part.getJsonObject("paths", new JsonObject());
      for (String path : paths.fieldNames()) {
        JsonObject byMethod = paths.getJsonObject(path);
        for (String method : byMethod.fieldNames()) {
          JsonObject op = byMethod.getJsonObject(method);
          List<String> query = new ArrayList<>();
          for (Object p : op.getJsonArray("parameters", new JsonArray())) {
            JsonObject param = (JsonObject) p;
            if ("query".equals(param.getString("in"))) {
              query.add(param.getString("name"));
            }
          }
          JsonObject body = null;
          JsonObject requestBody = op.getJsonObject("requestBody");
          if (requestBody != null) {
            body = resolve(requestBody.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"), schemas);
          }
          JsonArray security = op.getJsonArray("security");
          boolean isPublic = security != null && (security.isEmpty() || security.getValue(0) instanceof JsonObject o && o.isEmpty());
          ops.add(new Operation(HttpMethod.valueOf(method.toUpperCase()), path, query, body, isPublic));
        }
      }
    }
    return ops;
  }

  private static JsonObject resolve(JsonObject schema, JsonObject schemas) {
    if (schema == null) {
      return null;
    }
    String ref = schema.getString("$ref");
    return ref == null ? schema : schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1), new JsonObject());
  }

  // ---- generators

  static Arbitrary<String> hostileStrings() {
    return Arbitraries.oneOf(
      Arbitraries.of("", " ", "null", "true", "0", "-1", "1e309", "NaN", "{\"$gt\": \"\"}", "$where", "$gt", "a.b", "$",
        "../../etc/passwd", "%00", "\u0000", "\u202Eevil", "\uD83D", "\uDC00x", "\uFEFF", "e\u0301", "\r\nX-Injected: 1",
        "<script>alert(1)</script>", "'; drop table users; --", "000000000000000000000000", "ffffffffffffffffffffffff",
        "0123456789abcdef0123456", "0123456789abcdef012345678", "ai", "me", "Bearer x", "\ud83d\ude00".repeat(5_000)),
      Arbitraries.strings().ofMaxLength(40),
      Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8),
      Arbitraries.strings().withChars("0123456789abcdef").ofLength(24),
      Arbitraries.strings().all().ofMaxLength(12),
      Arbitraries.integers().between(1, 70_000).map("x"::repeat));
  }

  static Arbitrary<Object> hostileValues() {
    return Arbitraries.lazyOf(
      () -> hostileStrings().map(s -> (Object) s),
      () -> Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.longs(), Arbitraries.doubles(),
        Arbitraries.of(Boolean.TRUE, Boolean.FALSE)).map(v -> (Object) v),
      () -> Arbitraries.just((Object) new JsonObject().put("$gt", "")),
      () -> Arbitraries.just((Object) new JsonObject().put("$ne", (Object) null)),
      () -> Arbitraries.just((Object) new JsonObject().put("$where", "sleep(1000)")),
      () -> Arbitraries.just((Object) new JsonArray().add(new JsonObject().put("$gt", ""))),
      () -> Arbitraries.integers().between(1, 900).map(FuzzTest::nested),
      () -> hostileStrings().list().ofMaxSize(200).map(l -> (Object) new JsonArray(new ArrayList<>(l))));
  }

  private static Object nested(int depth) {
    Object v = "deep";
    for (int i = 0; i < depth; i++) {
      v = i % 2 == 0 ? new JsonArray().add(v) : new JsonObject().put("a", v);
    }
    return v;
  }

  /** A body from the schema: each property kept plausible, replaced by a hostile value, or left out; extra fields. */
  static Arbitrary<Buffer> bodies(JsonObject schema) {
    JsonObject properties = schema == null ? new JsonObject() : schema.getJsonObject("properties", new JsonObject());
    List<String> names = new ArrayList<>(properties.fieldNames());
    Arbitrary<JsonObject> object = Arbitraries.just(0).flatMap(x -> {
      Arbitrary<JsonObject> acc = Arbitraries.just(new JsonObject());
      for (String name : names) {
        acc = acc.flatMap(o -> Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(3, plausible(properties.getJsonObject(name))),
          net.jqwik.api.Tuple.of(4, hostileValues()),
          net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) Absent.VALUE))).map(v -> {
            JsonObject copy = o.copy();
            if (v != Absent.VALUE) {
              copy.put(name, v);
            }
            return copy;
          }));
      }
      return acc;
    });
    Arbitrary<JsonObject> withExtras = Combinators.combine(object, hostileStrings(), hostileValues(), Arbitraries.integers().between(0, 3))
      .as((o, key, value, mode) -> mode == 0 ? o.copy().put(key.isEmpty() ? "$x" : key, value) : o);
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, withExtras.map(JsonObject::toBuffer)),
      net.jqwik.api.Tuple.of(1, hostileValues().map(v -> Buffer.buffer(io.vertx.core.json.Json.encode(v)))),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("{", "{\"a\":", "[", "\"", "{}}", "{\"a\":1,}", "\u0000", "{\"a\":\"\\ud800\"}",
        "[".repeat(60_000), "{\"email\":" + "[".repeat(5_000)).map(Buffer::buffer)));
  }

  private enum Absent { VALUE }

  private static Arbitrary<Object> plausible(JsonObject property) {
    String type = property == null ? "string" : property.getString("type", "string");
    return switch (type) {
      case "integer", "number" -> Arbitraries.integers().between(-5, 200).map(v -> (Object) v);
      case "boolean" -> Arbitraries.of(true, false).map(v -> (Object) v);
      case "array" -> Arbitraries.strings().withChars("0123456789abcdef").ofLength(24).list().ofMaxSize(3)
        .map(l -> (Object) new JsonArray(new ArrayList<>(l)));
      default -> property != null && property.getJsonArray("enum") != null
        ? Arbitraries.of(property.getJsonArray("enum").getList()).map(v -> (Object) v)
        : Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(v -> (Object) v);
    };
  }

  @Provide
  Arbitrary<Request> requests() {
    return Arbitraries.of(operations).flatMap(op -> {
      List<String> pathNames = new ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
      while (m.find()) {
        pathNames.add(m.group(1));
      }
      Arbitrary<Map<String, String>> pathParams = hostileStrings().filter(s -> !s.isEmpty() && s.length() < 2_000)
        .list().ofSize(pathNames.size()).map(values -> {
          Map<String, String> out = new TreeMap<>();
          for (int i = 0; i < pathNames.size(); i++) {
            out.put(pathNames.get(i), values.get(i));
          }
          return out;
        });
      Arbitrary<Map<String, String>> query = hostileStrings().filter(s -> s.length() < 2_000).list()
        .ofSize(op.queryParams().size()).map(values -> {
          Map<String, String> out = new TreeMap<>();
          for (int i = 0; i < values.size(); i++) {
            if (i % 3 != 2) {
              out.put(op.queryParams().get(i), values.get(i));
            }
          }
          return out;
        });
      Arbitrary<Buffer> body = op.bodySchema() == null && op.method() == HttpMethod.GET
        ? Arbitraries.just((Buffer) null) : bodies(op.bodySchema());
      return Combinators.combine(pathParams, query, body, Arbitraries.integers().between(0, 9))
        .as((p, q, b, token) -> new Request(op, p, q, b, token != 0));
    });
  }

  // ---- the properties

  @Property(tries = 1000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void hostileRequestsGetA4xxNeverA5xxAStackTraceOrAStoredChange(@ForAll("requests") Request request) {
    String path = request.op().path();
    for (Map.Entry<String, String> p : request.pathParams().entrySet()) {
      path = path.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    StringBuilder uri = new StringBuilder("/api/v1").append(path);
    char sep = '?';
    for (Map.Entry<String, String> q : request.query().entrySet()) {
      uri.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    String before = snapshot();
    HttpRequest<Buffer> http = FuzzTest.http.request(request.op().method(), stack.port, "127.0.0.1", uri.toString());
    if (request.withToken()) {
      http.putHeader("Authorization", "Bearer " + fuzzer.accessToken());
    }
    HttpResponse<Buffer> response = request.body() == null ? http.send().await()
      : http.putHeader("Content-Type", "application/json").sendBuffer(request.body()).await();
    requests.incrementAndGet();
    String answer = response.bodyAsString() == null ? "" : response.bodyAsString();
    String what = request.op().method() + " " + uri.substring(0, Math.min(uri.length(), 300));
    assertThat(response.statusCode()).as("%s → %s", what, answer.substring(0, Math.min(answer.length(), 300))).isLessThan(500);
    assertThat(answer).as(what).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    if (response.statusCode() >= 400) {
      refused.incrementAndGet();
      assertThat(snapshot()).as("stored documents after the refused %s", what).isEqualTo(before);
    } else {
      stack.vertx.timer(30).await(); // let side effects of an accepted request land before the next snapshot
    }
  }

  @Provide
  Arbitrary<JsonObject> frames() {
    Arbitrary<String> types = Arbitraries.of("send", "publish", "register", "unregister", "ping", "rec", "err", "", "SEND");
    Arbitrary<String> addresses = Arbitraries.oneOf(
      Arbitraries.of(Addresses.CLIENT_CHAT_SEND, Addresses.CLIENT_CHAT_TYPING, Addresses.CLIENT_CHAT_READ,
        Addresses.CLIENT_CALL_SIGNAL, Addresses.AUTH_SERVICE, Addresses.CHAT_SERVICE, Addresses.AUTH_TOKENS_REVOKED,
        "user.000000000000000000000000"),
      hostileStrings());
    Arbitrary<Object> headers = Arbitraries.oneOf(
      Arbitraries.just((Object) "valid"),
      hostileValues(),
      hostileValues().map(v -> (Object) new JsonObject().put("Authorization", v).put("rtchat-user-id", "000000000000000000000000")));
    Arbitrary<Object> body = Arbitraries.oneOf(hostileValues(), Arbitraries.just((Object) new JsonObject()
      .put("chatId", new JsonObject().put("$gt", "")).put("clientMsgId", "x").put("type", "text").put("content", "hi")));
    return Combinators.combine(types, addresses, headers, body, hostileValues(), Arbitraries.integers().between(0, 5))
      .as((type, address, hdrs, b, reply, mode) -> {
        JsonObject frame = new JsonObject().put("type", type).put("address", address);
        frame.put("headers", "valid".equals(hdrs) ? new JsonObject().put("Authorization", "Bearer " + fuzzer.accessToken()) : hdrs);
        frame.put("body", b);
        if (mode < 3) {
          frame.put("replyAddress", mode == 0 ? reply : "fuzz-" + mode);
        }
        return frame;
      });
  }

  static BridgeClient socket;

  @Property(tries = 1000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void hostileBridgeFramesGetErrFramesNeverAServerError(@ForAll("frames") JsonObject frame) {
    if (socket == null || socket.isClosed()) {
      socket = stack.bridge();
    }
    int seen = socket.frames().size();
    String before = snapshot();
    try {
      socket.write(frame);
    } catch (RuntimeException closedMeanwhile) {
      socket = stack.bridge();
      return;
    }
    frames.incrementAndGet();
    List<JsonObject> after = socket.settle(5);
    for (JsonObject answer : after.subList(Math.min(seen, after.size()), after.size())) {
      assertThat(answer.encode()).as("answer to %s", frame.encode().substring(0, Math.min(300, frame.encode().length())))
        .doesNotContain("Exception").doesNotContain("\tat ");
      if ("err".equals(answer.getString("type")) && answer.getValue("failureCode") instanceof Number code) {
        assertThat(code.intValue()).as("err frame %s", answer.encode()).isLessThan(500);
      }
    }
    if (!Addresses.CLIENT_CHAT_SEND.equals(frame.getValue("address")) && !Addresses.CLIENT_CHAT_READ.equals(frame.getValue("address"))) {
      assertThat(snapshot()).as("stored documents after %s", frame.getValue("type")).isEqualTo(before);
    }
  }

  /** Every stored document of every collection (attempt counters aside), as one string to compare. */
  static String snapshot() {
    List<String> collections = mongo.getCollections().await().stream().sorted().toList();
    StringBuilder all = new StringBuilder();
    for (String c : collections) {
      if (c.equals("login_failures") || c.startsWith("presence")) {
        continue; // attempt counters (a refused login is still an attempt); presence leases renewed on a timer
      }
      for (JsonObject doc : mongo.find(c, new JsonObject()).await()) {
        COUNTERS.forEach(doc::remove);
        all.append(c).append(':').append(new TreeMap<>(doc.getMap())).append('\n');
      }
    }
    return all.toString();
  }
}
