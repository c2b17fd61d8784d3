package io.rtchat.gateway;

import io.rtchat.common.Addresses;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * The event-bus bridge: the standard Vert.x bridge frames ({@code register}, {@code unregister}, {@code send},
 * {@code ping} in; {@code rec} and {@code err} out), spoken over a raw WebSocket ({@code /eventbus/websocket}) and
 * over every SockJS transport ({@code /eventbus}), locked down:
 * <ul>
 *   <li>a socket may listen only on its own inbox {@code user.<id>}, checked against its token;</li>
 *   <li>it may send only the explicit client commands, each with its token; the command runs as the verified caller
 *   (whatever identity the frame claims is ignored) and its answer is written back to the frame's reply address;</li>
 *   <li>nothing else: a publish, another address, a frame without a valid token is refused with an {@code err}.</li>
 * </ul>
 *
 * <p>It is our own rather than vertx-web's generic bridge because the generic one keeps, for every socket, the
 * routing context of its opening request, a ping timer, a registration map and an event-bus consumer per
 * registered address, and routes every command through the event bus and back. Here a socket is one small object
 * ({@link BridgeSocket}); inbox events reach it through {@link LocalInboxes} (one bus message per gateway per event),
 * commands run by a direct call, and one sweep a second enforces every socket's deadlines ({@link SocketGuard}).
 *
 * <p>Used on the gateway verticle's event loop only.
 */
public class EventBridge {

  private static final Logger log = LoggerFactory.getLogger(EventBridge.class);
  /** The raw-WebSocket path, served by {@link #upgrade} before the router sees the request. */
  public static final String RAW_WEBSOCKET_PATH = "/eventbus/websocket";
  static final long PING_TIMEOUT_MILLIS = 60_000;
  /** Commands awaiting their answer per socket (the Vert.x bridge's max_handlers_per_socket). */
  static final int MAX_PENDING_REPLIES = 15;
  /** Reply addresses are the official client's UUIDs. */
  private static final int MAX_REPLY_ADDRESS = 36;
  private static final Pattern INBOX = Pattern.compile("user\\.[0-9a-f]{24}");
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final AccessTokens tokens;
  private final ClientCommands commands;
  private final GatewayPresence presence;
  private final SocketGuard guard;
  private final RateLimits limits;
  private final LocalInboxes inboxes = new LocalInboxes();
  private long lastSerial;

  public EventBridge(AccessTokens tokens, ClientCommands commands, GatewayPresence presence, SocketGuard guard, RateLimits limits) {
    this.tokens = tokens;
    this.commands = commands;
    this.presence = presence;
    this.guard = guard;
    this.limits = limits;
  }

  /** Starts delivering inbox events and enforcing the sockets' deadlines; returns the SockJS router. */
  public Router start(Vertx vertx) {
    inboxes.listen(vertx.eventBus())
      .onFailure(err -> log.error("inbox fan-out consumer failed to register cause={}", err.toString()));
    vertx.setPeriodic(SocketGuard.SWEEP_MILLIS, t -> guard.sweep(System.currentTimeMillis()));
    // SockJS's own raw-WebSocket route (/websocket) is never reached: upgrade() takes that path first.
    SockJSHandlerOptions options = new SockJSHandlerOptions().setRegisterWriteHandler(false).setHeartbeatInterval(25_000);
    return SockJSHandler.create(vertx, options).socketHandler(this::openSockJs);
  }

  /** True for a request {@link #upgrade} serves: a WebSocket upgrade of the raw-WebSocket path. */
  public static boolean isRawWebSocket(HttpServerRequest request) {
    return RAW_WEBSOCKET_PATH.equals(request.path()) && request.canUpgradeToWebSocket();
  }

  /** Upgrades a raw-WebSocket request from {@code ip}; the connection then speaks the bridge frames. */
  public void upgrade(HttpServerRequest request, String ip) {
    request.toWebSocket()
      .onSuccess(ws -> openWebSocket(ws, ip))
      .onFailure(err -> log.debug("bridge upgrade failed cause={}", err.toString()));
  }

  private void openWebSocket(ServerWebSocket ws, String ip) {
    BridgeSocket socket = BridgeSocket.of(ws, ip, ++lastSerial, System.currentTimeMillis());
    ws.textMessageHandler(text -> frame(socket, Buffer.buffer(text)));
    ws.binaryMessageHandler(data -> frame(socket, data));
    ws.exceptionHandler(err -> log.debug("bridge socket error cause={}", err.toString()));
    ws.closeHandler(v -> closed(socket));
    guard.opened(socket);
  }

  private void openSockJs(SockJSSocket sock) {
    BridgeSocket socket = BridgeSocket.of(sock, ipOf(sock), ++lastSerial, System.currentTimeMillis());
    sock.handler(data -> frame(socket, data));
    sock.exceptionHandler(err -> log.debug("bridge socket error cause={}", err.toString()));
    sock.closeHandler(v -> closed(socket));
    guard.opened(socket);
  }

  /** Closes the sockets of one login (it logged out). */
  public void closeSession(String sessionId) {
    guard.sessionEnded(sessionId);
  }

  /** Closes every socket of a user (their tokens were revoked). */
  public void closeSocketsOf(String userId) {
    for (BridgeSocket socket : guard.socketsOf(userId)) {
      socket.close(SocketGuard.CLOSE_TOKEN_ENDED, "tokens revoked");
    }
  }

  /** Closes every open socket with {@code code} (the gateway is draining: clients reconnect to another one). */
  public void closeAll(short code, String reason) {
    for (BridgeSocket socket : guard.openSockets()) {
      socket.close(code, reason);
    }
  }

  public int openSocketCount() {
    return guard.openCount();
  }

  public int connectedUsers() {
    return inboxes.users();
  }

  private void frame(BridgeSocket socket, Buffer data) {
    JsonObject frame;
    try {
      frame = data.toJsonObject();
    } catch (RuntimeException e) {
      error(socket, "invalid_json");
      return;
    }
    if (!(frame.getValue("type") instanceof String type)) {
      error(socket, "missing_type");
      return;
    }
    if (type.equals("ping")) {
      guard.pinged(socket, System.currentTimeMillis());
      return;
    }
    if (!(frame.getValue("address") instanceof String address)) {
      error(socket, "missing_address");
      return;
    }
    switch (type) {
      case "send" -> send(socket, address, frame);
      case "register" -> register(socket, address, frame);
      case "unregister" -> unregister(socket, address);
      case "publish" -> error(socket, "rejected"); // browsers never publish
      default -> error(socket, "invalid_type");
    }
  }

  private void register(BridgeSocket socket, String address, JsonObject frame) {
    if (socket.pendingReplies >= MAX_PENDING_REPLIES) {
      error(socket, "max_handlers_reached");
      return;
    }
    tokens.verifyHeaderCaller(authorization(frame)).onComplete(ar -> {
      if (socket.closed) {
        return; // a socket that closed while its token was being checked is not remembered
      }
      if (ar.failed() || !address.equals(Addresses.inbox(ar.result().userId())) || !guard.signedIn(socket, ar.result())
        || socket.onInbox) {
        log.debug("bridge register refused address={}", address);
        error(socket, "rejected");
        return;
      }
      socket.onInbox = true;
      inboxes.add(socket.userId, socket);
      presence.opened(socket);
      // An accepted registration has no answer in the protocol.
    });
  }

  /** A socket that stops listening on its inbox stops receiving its events (it stays online until it closes). */
  private void unregister(BridgeSocket socket, String address) {
    if (!INBOX.matcher(address).matches()) {
      error(socket, "access_denied");
      return;
    }
    if (socket.onInbox && address.equals(Addresses.inbox(socket.userId))) {
      socket.onInbox = false;
      inboxes.remove(socket.userId, socket);
    }
  }

  private void send(BridgeSocket socket, String address, JsonObject frame) {
    long received = System.nanoTime();
    Object reply = frame.getValue("replyAddress");
    if (!commands.has(address) || reply instanceof String r && r.startsWith(Addresses.INBOX_PREFIX)) {
      error(socket, "rejected"); // another address, or a reply address imitating an inbox
      return;
    }
    tokens.verifyHeaderCaller(authorization(frame)).onComplete(ar -> {
      if (socket.closed) {
        return;
      }
      if (ar.failed() || !guard.signedIn(socket, ar.result())) {
        error(socket, "rejected");
        return;
      }
      if (reply != null && (!(reply instanceof String) || ((String) reply).length() > MAX_REPLY_ADDRESS)) {
        error(socket, "invalid_reply_address");
        return;
      }
      String replyAddress = (String) reply;
      if (replyAddress != null && socket.pendingReplies >= MAX_PENDING_REPLIES) {
        error(socket, "max_handlers_reached");
        return;
      }
      String socketId = socket.id(presence.gatewayId());
      Object deviceId = frame.getValue("headers") instanceof JsonObject headers ? headers.getValue("deviceId") : null;
      String device = deviceId instanceof String d && DEVICE_ID.matcher(d).matches() ? d : socketId;
      long wait = limits.command(socket.userId, socket.ip);
      if (replyAddress != null) {
        socket.pendingReplies++;
      }
      (wait > 0 ? Future.<Object>failedFuture(RateLimits.limited(wait))
        : commands.run(address, socket.userId, socketId, device, frame.getValue("body")))
        .onComplete(result -> {
          SendLatency.answered(address, received);
          if (replyAddress == null) {
            return;
          }
          socket.pendingReplies--;
          socket.write(result.succeeded() ? answer(replyAddress, result.result()) : failure(replyAddress, result.cause()));
        });
    });
  }

  /** The frame the Vert.x bridge writes for a reply: {@code {"type":"rec","address":<reply address>,"body":...}}. */
  private static Buffer answer(String replyAddress, Object body) {
    return new JsonObject().put("type", "rec").put("address", replyAddress).put("body", body).toBuffer();
  }

  /**
   * The frame the Vert.x bridge writes for a failed reply: a recipient failure whose code is the HTTP status and
   * whose message is the API's error JSON, exactly as a REST call would have answered.
   */
  private static Buffer failure(String replyAddress, Throwable cause) {
    Errors.ClientError error = Errors.toClientError(cause);
    return new JsonObject().put("type", "err").put("address", replyAddress).put("failureCode", error.status())
      .put("failureType", "RECIPIENT_FAILURE").put("message", error.toJson().encode()).toBuffer();
  }

  private static void error(BridgeSocket socket, String code) {
    socket.write(new JsonObject().put("type", "err").put("body", code).toBuffer());
  }

  private void closed(BridgeSocket socket) {
    if (socket.closed) {
      return;
    }
    socket.closed = true;
    guard.closed(socket);
    if (socket.onInbox) {
      inboxes.remove(socket.userId, socket);
      socket.onInbox = false;
    }
    presence.closed(socket);
  }

  private static String authorization(JsonObject frame) {
    if (!(frame.getValue("headers") instanceof JsonObject headers)) {
      return null;
    }
    return headers.getValue("Authorization") instanceof String s ? s : null;
  }

  private static String ipOf(SockJSSocket socket) {
    // The socket's opening request went through AccessLog, which resolved X-Forwarded-For from trusted proxies.
    if (socket.routingContext() != null && socket.routingContext().get(AccessLog.CLIENT_IP) != null) {
      return socket.routingContext().get(AccessLog.CLIENT_IP);
    }
    return socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
  }
}
