package io.rtchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit for this work on this machine: a raw Vert.x WebSocket server that speaks the same frames as
 * rtchat's bridge ({@code register} on {@code user.<id>}, {@code send} to {@code client.chat.send} with a reply,
 * {@code rec} frames carrying {@code {"type":"message.new","data":message}} to every socket of every participant),
 * with no persistence, no bridge, no auth. Each message is serialized once; each recipient gets its own frame
 * prefix (its inbox address) around those bytes.
 *
 * <p>Setup: {@code POST /bench/chats {"participants":[ids]}} → {@code {"chatId"}}. Env {@code BASELINE_ECHO_SENDER}
 * (default true) says whether the sender's own sockets get the message too, as rtchat does.
 */
public final class BaselineServer {

  private record Chat(String id, List<String> participants, AtomicLong seq) {
  }

  private final Map<String, Chat> chats = new ConcurrentHashMap<>();
  private final Map<String, Set<ServerWebSocket>> inboxes = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() << 20);
  private final boolean echoSender;

  private BaselineServer(boolean echoSender) {
    this.echoSender = echoSender;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(System.getenv().getOrDefault("HTTP_PORT", "8090"));
    boolean echo = Boolean.parseBoolean(System.getenv().getOrDefault("BASELINE_ECHO_SENDER", "true"));
    int loops = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    BaselineServer server = new BaselineServer(echo);
    // One server instance per event loop (the way a verticle scales in Vert.x), all sharing the port and the state.
    vertx.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
            .webSocketHandler(server::socket)
            .requestHandler(req -> req.body().onSuccess(body -> {
              if (!"/bench/chats".equals(req.path())) {
                req.response().setStatusCode(404).end();
                return;
              }
              req.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("chatId", server.createChat(body.toJsonObject().getJsonArray("participants"))).encode());
            }))
            .listen();
        }
      }, new DeploymentOptions().setInstances(loops))
      .onSuccess(v -> System.out.println("baseline is up port=" + port + " eventLoops=" + loops + " echoSender=" + echo))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(1);
      });
  }

  private String createChat(JsonArray participants) {
    String id = String.format("%024x", ids.incrementAndGet());
    @SuppressWarnings("unchecked")
    List<String> members = List.copyOf((List<String>) (List<?>) participants.getList());
    chats.put(id, new Chat(id, members, new AtomicLong()));
    return id;
  }

  private void socket(ServerWebSocket ws) {
    if (!"/eventbus/websocket".equals(ws.path())) {
      ws.close((short) 1008, "not found");
      return;
    }
    String[] user = new String[1];
    ws.textMessageHandler(text -> frame(ws, user, new JsonObject(text)));
    ws.binaryMessageHandler(bytes -> frame(ws, user, bytes.toJsonObject()));
    ws.closeHandler(v -> {
      if (user[0] != null) {
        Set<ServerWebSocket> sockets = inboxes.get(user[0]);
        if (sockets != null) {
          sockets.remove(ws);
        }
      }
    });
  }

  private void frame(ServerWebSocket ws, String[] user, JsonObject frame) {
    String type = frame.getString("type");
    String address = frame.getString("address");
    if ("register".equals(type) && address != null && address.startsWith("user.")) {
      user[0] = address.substring(5);
      inboxes.computeIfAbsent(user[0], k -> new CopyOnWriteArraySet<>()).add(ws);
    } else if ("send".equals(type) && "client.chat.send".equals(address)) {
      send(ws, user[0], frame.getJsonObject("body"), frame.getString("replyAddress"));
    } else if (!"ping".equals(type)) {
      ws.writeTextMessage(new JsonObject().put("type", "err").put("body", "access_denied").encode());
    }
  }

  private void send(ServerWebSocket ws, String sender, JsonObject body, String replyAddress) {
    Chat chat = body == null ? null : chats.get(body.getString("chatId"));
    if (chat == null || sender == null || !chat.participants().contains(sender)) {
      ws.writeTextMessage(new JsonObject().put("type", "err").put("address", replyAddress)
        .put("failureCode", 404).put("failureType", "RECIPIENT_FAILURE").put("message", "no such chat").encode());
      return;
    }
    String now = Instant.now().toString();
    JsonObject message = new JsonObject()
      .put("id", String.format("%024x", ids.incrementAndGet()))
      .put("chatId", chat.id())
      .put("seq", chat.seq().incrementAndGet())
      .put("clientMsgId", body.getString("clientMsgId"))
      .put("sender", sender)
      .put("type", body.getString("type"))
      .put("content", body.getString("content"))
      .put("attachments", new JsonArray())
      .put("starredBy", new JsonArray())
      .put("readBy", new JsonArray())
      .put("createdAt", now)
      .put("updatedAt", now)
      .put("deleted", false);
    String encoded = message.encode();
    if (replyAddress != null) {
      ws.writeTextMessage("{\"type\":\"rec\",\"address\":\"" + replyAddress + "\",\"body\":" + encoded + "}");
    }
    String envelope = ",\"body\":{\"type\":\"message.new\",\"data\":" + encoded + "}}";
    for (String participant : chat.participants()) {
      if (!echoSender && participant.equals(sender)) {
        continue;
      }
      Set<ServerWebSocket> sockets = inboxes.get(participant);
      if (sockets == null) {
        continue;
      }
      String frame = "{\"type\":\"rec\",\"address\":\"user." + participant + "\"" + envelope;
      for (ServerWebSocket socket : sockets) {
        socket.writeTextMessage(frame);
      }
    }
  }
}
