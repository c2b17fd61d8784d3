package io.rtchat.standalone.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A browser's view of the event-bus bridge over a raw WebSocket ({@code /eventbus/websocket}): real frames in the
 * standard bridge format, every received frame kept for assertions.
 */
public final class BridgeClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    // The raw-WebSocket transport may answer in binary or text messages: take both.
    socket.handler(data -> frames.add(new JsonObject(data)));
    socket.closeHandler(v -> closed = true);
  }

  public static BridgeClient connect(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(port, "127.0.0.1", "/eventbus/websocket").await();
    return new BridgeClient(client, socket);
  }

  private static JsonObject auth(String token) {
    JsonObject headers = new JsonObject();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return headers;
  }

  public void register(String address, String token) {
    write(new JsonObject().put("type", "register").put("address", address).put("headers", auth(token)));
  }

  /** Sends a command and returns the reply address to wait on (the reply arrives as a frame to it). */
  public String send(String address, JsonObject body, String token) {
    String replyAddress = UUID.randomUUID().toString();
    write(new JsonObject().put("type", "send").put("address", address).put("body", body)
      .put("headers", auth(token)).put("replyAddress", replyAddress));
    return replyAddress;
  }

  public void sendWithHeaders(String address, JsonObject body, JsonObject headers) {
    write(new JsonObject().put("type", "send").put("address", address).put("body", body).put("headers", headers));
  }

  public void publish(String address, JsonObject body, String token) {
    write(new JsonObject().put("type", "publish").put("address", address).put("body", body).put("headers", auth(token)));
  }

  public void write(JsonObject frame) {
    socket.writeTextMessage(frame.encode()).await();
  }

  /** Waits up to 5 s for a frame that matches. */
  public JsonObject await(Predicate<JsonObject> match) {
    return await(match, 5_000);
  }

  public JsonObject await(Predicate<JsonObject> match, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject f : frames) {
        if (match.test(f)) {
          return f;
        }
      }
      sleep(10);
    }
    throw new AssertionError("no matching frame within " + timeoutMs + " ms; got " + frames);
  }

  /** The reply to a {@link #send}. */
  public JsonObject awaitReply(String replyAddress) {
    return await(f -> replyAddress.equals(f.getString("address")) || replyAddress.equals(f.getString("replyAddress"))
      || ("err".equals(f.getString("type")) && f.getString("address") != null && f.getString("address").equals(replyAddress)));
  }

  /** The inbox event of this type (a {@code rec} frame whose body is {@code {"type": type}}). */
  public JsonObject awaitEvent(String type) {
    return await(f -> "rec".equals(f.getString("type")) && f.getJsonObject("body") != null
      && type.equals(f.getJsonObject("body").getString("type"))).getJsonObject("body");
  }

  public JsonObject awaitEvent(String type, Predicate<JsonObject> data) {
    return awaitEvent(type, data, 5_000);
  }

  public JsonObject awaitEvent(String type, Predicate<JsonObject> data, long timeoutMs) {
    return await(f -> "rec".equals(f.getString("type")) && f.getJsonObject("body") != null
      && type.equals(f.getJsonObject("body").getString("type"))
      && data.test(f.getJsonObject("body").getJsonObject("data")), timeoutMs).getJsonObject("body");
  }

  /** Events received so far (bodies of {@code rec} frames). */
  public List<JsonObject> events() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject f : frames) {
      if ("rec".equals(f.getString("type")) && f.getJsonObject("body") != null) {
        out.add(f.getJsonObject("body"));
      }
    }
    return out;
  }

  public List<JsonObject> frames() {
    return List.copyOf(frames);
  }

  /** Lets in-flight frames arrive, then returns every frame so far: for "nothing was delivered" checks. */
  public List<JsonObject> settle(long ms) {
    sleep(ms);
    return frames();
  }

  public boolean isClosed() {
    return closed;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      socket.close().await();
    }
    client.close();
  }
}
