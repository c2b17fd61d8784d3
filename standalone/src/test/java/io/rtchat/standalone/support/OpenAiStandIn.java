package io.rtchat.standalone.support;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 (the real provider is outside this machine): it answers
 * {@code POST /v1/chat/completions} with {@code stream: true} as OpenAI does — {@code text/event-stream}, a first
 * chunk with the role, one {@code chat.completion.chunk} per piece of text, a last chunk with
 * {@code finish_reason: "stop"}, then {@code data: [DONE]} — and refuses what the real API refuses (no bearer key,
 * no model, no messages). The last user message picks the behaviour: {@code [slow]} never starts answering, {@code [stall]} stops after one chunk,
 * {@code [status-500]} answers an error, {@code [malformed]} sends a chunk that is not JSON, {@code [drop]} closes the
 * connection mid-answer, {@code [long]} streams for a long time, {@code [gate:<name>]} sends half the answer and
 * waits for {@link #open}; anything else gets {@code "You said: <question>"} in pieces.
 */
public final class OpenAiStandIn implements AutoCloseable {

  public static final String KEY = "sk-test-0123456789abcdef";
  public static final String MODEL = "stand-in-model";
  private static final Pattern GATE = Pattern.compile("\\[gate:([a-z0-9-]+)]");

  private final Vertx vertx;
  private final HttpServer server;
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final Map<String, Promise<Void>> gates = new ConcurrentHashMap<>();

  private OpenAiStandIn(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  public static OpenAiStandIn start() {
    return new OpenAiStandIn(Vertx.vertx());
  }

  /** The value of AI_BASE_URL for this server. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  /** Bodies of the completion requests received, in order. */
  public List<JsonObject> requests() {
    return List.copyOf(requests);
  }

  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** Lets a {@code [gate:name]} answer go on. */
  public void open(String name) {
    gate(name).tryComplete();
  }

  private Promise<Void> gate(String name) {
    return gates.computeIfAbsent(name, n -> Promise.promise());
  }

  private void handle(HttpServerRequest req) {
    if (!"/v1/chat/completions".equals(req.path()) || req.method() != io.vertx.core.http.HttpMethod.POST) {
      req.response().setStatusCode(404).end(error("Unknown route", "invalid_request_error"));
      return;
    }
    req.body().onSuccess(raw -> {
      String auth = req.getHeader("Authorization");
      authorizations.add(String.valueOf(auth));
      if (auth == null || !auth.equals("Bearer " + KEY)) {
        req.response().setStatusCode(401).end(error("Incorrect API key provided: " + String.valueOf(auth), "invalid_request_error"));
        return;
      }
      JsonObject body;
      try {
        body = raw.toJsonObject();
      } catch (RuntimeException e) {
        req.response().setStatusCode(400).end(error("We could not parse the JSON body of your request.", "invalid_request_error"));
        return;
      }
      requests.add(body);
      JsonArray messages = body.getJsonArray("messages");
      if (body.getString("model") == null || messages == null || messages.isEmpty() || !Boolean.TRUE.equals(body.getBoolean("stream"))) {
        req.response().setStatusCode(400).end(error("model, messages and stream:true are required here", "invalid_request_error"));
        return;
      }
      String question = lastUserMessage(messages);
      answer(req.response(), question, req);
    });
  }

  private static String lastUserMessage(JsonArray messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonObject m = messages.getJsonObject(i);
      if ("user".equals(m.getString("role"))) {
        return m.getString("content", "");
      }
    }
    return "";
  }

  private void answer(HttpServerResponse response, String question, HttpServerRequest req) {
    if (question.contains("[status-500]")) {
      response.setStatusCode(500).putHeader("Content-Type", "application/json")
        .end(error("The server had an error while processing your request.", "server_error"));
      return;
    }
    if (question.contains("[slow]")) {
      return; // never a byte: the client's first-byte timer has to end it
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    response.write(chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
    if (question.contains("[malformed]")) {
      response.write(chunk(new JsonObject().put("content", "Half an "), null));
      vertx.setTimer(50, id -> response.write("data: {\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":\n\n"));
      return;
    }
    if (question.contains("[stall]")) {
      response.write(chunk(new JsonObject().put("content", "Let me think"), null));
      return; // then silence, connection open: the client's idle timer has to end it
    }
    if (question.contains("[drop]")) {
      response.write(chunk(new JsonObject().put("content", "Cut "), null));
      response.write(chunk(new JsonObject().put("content", "off"), null));
      vertx.setTimer(100, id -> req.connection().close());
      return;
    }
    if (question.contains("[long]")) {
      List<String> pieces = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        pieces.add("tick" + i + " ");
      }
      stream(response, pieces, 0, 50, null);
      return;
    }
    List<String> pieces = new ArrayList<>();
    for (String word : ("You said: " + question).split("(?<= )")) {
      pieces.add(word);
    }
    Matcher gate = GATE.matcher(question);
    stream(response, pieces, 0, 20, gate.find() ? gate.group(1) : null);
  }

  /** Writes the pieces one by one; a gated answer stops halfway until its gate opens. */
  private void stream(HttpServerResponse response, List<String> pieces, int from, long gapMillis, String gateName) {
    if (response.closed()) {
      return;
    }
    if (from == pieces.size()) {
      response.write(chunk(new JsonObject(), "stop"));
      response.end("data: [DONE]\n\n");
      return;
    }
    if (gateName != null && from == pieces.size() / 2) {
      gate(gateName).future().onSuccess(v -> {
        response.write(chunk(new JsonObject().put("content", pieces.get(from)), null));
        vertx.setTimer(gapMillis, id -> stream(response, pieces, from + 1, gapMillis, null));
      });
      return;
    }
    response.write(chunk(new JsonObject().put("content", pieces.get(from)), null));
    vertx.setTimer(gapMillis, id -> stream(response, pieces, from + 1, gapMillis, gateName));
  }

  private static String chunk(JsonObject delta, String finishReason) {
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("logprobs", null).put("finish_reason", finishReason);
    JsonObject chunk = new JsonObject().put("id", "chatcmpl-standin").put("object", "chat.completion.chunk")
      .put("created", System.currentTimeMillis() / 1000).put("model", MODEL).put("system_fingerprint", "fp_standin")
      .put("choices", new JsonArray().add(choice));
    return "data: " + chunk.encode() + "\n\n";
  }

  private static String error(String message, String type) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
      .put("param", null).put("code", null)).encode();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
