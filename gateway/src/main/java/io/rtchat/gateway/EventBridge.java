package io.rtchat.gateway;

import io.rtchat.common.Addresses;
import io.rtchat.common.Config;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SockJS event-bus bridge, locked down: a socket may listen only on its own inbox {@code user.<id>} (checked
 * against its token, not only by regex), may send only the explicit client commands, always with its token, and
 * every identity header it sends is replaced by the verified one.
 */
public class EventBridge {

  private static final Logger log = LoggerFactory.getLogger(EventBridge.class);
  private static final String INBOX_REGEX = "user\\.[0-9a-f]{24}";

  private final AccessTokens tokens;
  private final ClientCommands commands;
  private final GatewayPresence presence;
  /** The user whose inbox each socket registered; and the sockets of each user on this instance. */
  private final Map<SockJSSocket, String> socketUsers = new HashMap<>();
  private final Map<String, Set<SockJSSocket>> userSockets = new HashMap<>();
  /** Sockets between SOCKET_CREATED and SOCKET_CLOSED. */
  private final Set<SockJSSocket> openSockets = new HashSet<>();
  /** Reply addresses of each socket's commands still awaiting their answer (the bridge checks replies as RECEIVE). */
  private final Map<SockJSSocket, Set<String>> pendingReplies = new HashMap<>();
  private static final int MAX_PENDING_REPLIES = 256;
  /** A per-socket id, named in the headers of every command (the device of call signalling, the rate-limit key). */
  private final Map<SockJSSocket, String> socketIds = new HashMap<>();
  private static final java.util.regex.Pattern DEVICE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public EventBridge(AccessTokens tokens, ClientCommands commands, GatewayPresence presence) {
    this.tokens = tokens;
    this.commands = commands;
    this.presence = presence;
  }

  public Router router(Vertx vertx, Config config) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(INBOX_REGEX))
      .setMaxAddressLength(64)
      // the inbox plus one reply handler per send awaiting its answer: room for a client that sends a burst
      .setMaxHandlersPerSocket(16)
      .setPingTimeout(60_000)
      .setReplyTimeout(30_000);
    for (String address : commands.addresses()) {
      options.addInboundPermitted(new PermittedOptions().setAddress(address));
    }
    SockJSHandlerOptions socketOptions = new SockJSHandlerOptions()
      .setRegisterWriteHandler(false)
      .setHeartbeatInterval(25_000);
    return SockJSHandler.create(vertx, socketOptions).bridge(options, this::handle);
  }

  /** Closes every socket of a user (their tokens were revoked). */
  public void closeSocketsOf(String userId) {
    Set<SockJSSocket> sockets = userSockets.get(userId);
    if (sockets != null) {
      for (SockJSSocket socket : Set.copyOf(sockets)) {
        socket.close(4001, "tokens revoked");
      }
    }
  }

  /** Closes every open socket with {@code code} (the gateway is draining: clients reconnect to another one). */
  public void closeAll(short code, String reason) {
    for (SockJSSocket socket : Set.copyOf(openSockets)) {
      socket.close(code, reason);
    }
  }

  public int openSocketCount() {
    return openSockets.size();
  }

  public int connectedUsers() {
    return userSockets.size();
  }

  private void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> {
        openSockets.add(event.socket());
        event.complete(true);
      }
      case SOCKET_PING, SOCKET_IDLE, UNREGISTER -> event.complete(true);
      case SOCKET_CLOSED -> {
        openSockets.remove(event.socket());
        forget(event.socket());
        event.complete(true);
      }
      case REGISTER -> register(event);
      case SEND -> send(event);
      case RECEIVE -> event.complete(mayReceive(event));
      default -> event.complete(false); // PUBLISH: browsers never publish
    }
  }

  private void register(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getString("address");
    tokens.verifyHeader(authorization(frame)).onComplete(ar -> {
      String already = socketUsers.get(event.socket());
      // A socket that closed while its token was being checked is not remembered (it would stay online forever).
      if (!openSockets.contains(event.socket()) || ar.failed() || address == null || !address.equals(Addresses.inbox(ar.result()))
        || (already != null && !already.equals(ar.result()))) {
        log.debug("bridge register refused address={}", address);
        event.complete(false);
        return;
      }
      remember(event.socket(), ar.result());
      event.complete(true);
    });
  }

  private void send(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getString("address");
    if (address == null || !commands.addresses().contains(address)) {
      event.complete(false);
      return;
    }
    tokens.verifyHeader(authorization(frame)).onComplete(ar -> {
      if (ar.failed() || !openSockets.contains(event.socket())) {
        event.complete(false);
        return;
      }
      String replyAddress = frame.getString("replyAddress");
      if (replyAddress != null) {
        if (replyAddress.startsWith(Addresses.INBOX_PREFIX)) {
          event.complete(false); // a reply address never imitates an inbox
          return;
        }
        expectReply(event.socket(), replyAddress);
      }
      // Replace whatever headers the client sent: services learn the caller only from here.
      String socketId = socketIds.computeIfAbsent(event.socket(), s -> java.util.UUID.randomUUID().toString());
      Object deviceId = frame.getJsonObject("headers", new JsonObject()).getValue("deviceId");
      frame.put("headers", new JsonObject().put(ClientCommands.USER_HEADER, ar.result())
        .put(ClientCommands.SOCKET_HEADER, socketId)
        .put(ClientCommands.DEVICE_HEADER, deviceId instanceof String d && DEVICE_ID.matcher(d).matches() ? d : socketId));
      event.setRawMessage(frame);
      event.complete(true);
    });
  }

  private boolean mayReceive(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getString("address");
    Set<String> replies = pendingReplies.get(event.socket());
    if (address != null && replies != null && replies.remove(address)) {
      return true; // the answer to this socket's own command
    }
    String owner = socketUsers.get(event.socket());
    return owner != null && address != null && Addresses.inbox(owner).equals(address);
  }

  private void expectReply(SockJSSocket socket, String replyAddress) {
    Set<String> replies = pendingReplies.computeIfAbsent(socket, k -> new LinkedHashSet<>());
    if (replies.size() >= MAX_PENDING_REPLIES) {
      replies.remove(replies.iterator().next()); // failed commands are answered without RECEIVE: forget the oldest
    }
    replies.add(replyAddress);
  }

  private static String authorization(JsonObject frame) {
    if (frame == null) {
      return null;
    }
    JsonObject headers = frame.getJsonObject("headers");
    if (headers == null) {
      return null;
    }
    Object value = headers.getValue("Authorization");
    return value instanceof String s ? s : null;
  }

  private void remember(SockJSSocket socket, String userId) {
    if (socketUsers.put(socket, userId) == null) {
      presence.opened(socket, userId);
    }
    userSockets.computeIfAbsent(userId, k -> new HashSet<>()).add(socket);
  }

  private void forget(SockJSSocket socket) {
    pendingReplies.remove(socket);
    socketIds.remove(socket);
    String userId = socketUsers.remove(socket);
    if (userId != null) {
      presence.closed(socket);
      Set<SockJSSocket> sockets = userSockets.get(userId);
      if (sockets != null) {
        sockets.remove(socket);
        if (sockets.isEmpty()) {
          userSockets.remove(userId);
        }
      }
    }
  }
}
