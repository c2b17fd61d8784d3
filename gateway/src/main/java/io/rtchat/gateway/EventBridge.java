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
 *
 * <p>Inbox events do not travel through the bridge's own per-socket event-bus consumers: {@link LocalInboxes} receives
 * each event once per gateway and writes it to the registered sockets of its recipients, in the frame the bridge
 * would have written. The bridge carries the client commands and their replies.
 */
public class EventBridge {

  private static final Logger log = LoggerFactory.getLogger(EventBridge.class);
  private static final String INBOX_REGEX = "user\\.[0-9a-f]{24}";

  private final AccessTokens tokens;
  private final ClientCommands commands;
  private final GatewayPresence presence;
  private final SocketGuard guard;
  private final RateLimits limits;
  /** The user whose inbox each socket registered; the sockets of each user on this instance are in inboxes. */
  private final Map<SockJSSocket, String> socketUsers = new HashMap<>();
  private final LocalInboxes inboxes = new LocalInboxes();
  /** Sockets between SOCKET_CREATED and SOCKET_CLOSED. */
  private final Set<SockJSSocket> openSockets = new HashSet<>();
  /** Reply addresses of each socket's commands still awaiting their answer (the bridge checks replies as RECEIVE). */
  private final Map<SockJSSocket, Set<String>> pendingReplies = new HashMap<>();
  private static final int MAX_PENDING_REPLIES = 256;
  /** A per-socket id, named in the headers of every command (the device of call signalling, the rate-limit key). */
  private final Map<SockJSSocket, String> socketIds = new HashMap<>();
  private final SendLatency sendLatency = new SendLatency();
  private static final java.util.regex.Pattern DEVICE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public EventBridge(AccessTokens tokens, ClientCommands commands, GatewayPresence presence, SocketGuard guard, RateLimits limits) {
    this.tokens = tokens;
    this.commands = commands;
    this.presence = presence;
    this.guard = guard;
    this.limits = limits;
  }

  /** Closes the sockets of one login (it logged out). */
  public void closeSession(String sessionId) {
    guard.sessionEnded(sessionId);
  }

  public Router router(Vertx vertx, Config config) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(INBOX_REGEX))
      .setMaxAddressLength(64)
      // one reply handler per send awaiting its answer: room for a client that sends a burst (the inbox takes none)
      .setMaxHandlersPerSocket(15)
      .setPingTimeout(60_000)
      .setReplyTimeout(30_000);
    for (String address : commands.addresses()) {
      options.addInboundPermitted(new PermittedOptions().setAddress(address));
    }
    SockJSHandlerOptions socketOptions = new SockJSHandlerOptions()
      .setRegisterWriteHandler(false)
      .setHeartbeatInterval(25_000);
    inboxes.listen(vertx.eventBus())
      .onFailure(err -> log.error("inbox fan-out consumer failed to register cause={}", err.toString()));
    return SockJSHandler.create(vertx, socketOptions).bridge(options, this::handle);
  }

  /** Closes every socket of a user (their tokens were revoked). */
  public void closeSocketsOf(String userId) {
    for (SockJSSocket socket : inboxes.socketsOf(userId)) {
      socket.close(4001, "tokens revoked");
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
    return inboxes.users();
  }

  private void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> {
        boolean admitted = guard.opened(event.socket());
        if (admitted) {
          openSockets.add(event.socket());
        }
        event.complete(admitted);
      }
      case SOCKET_PING, SOCKET_IDLE -> event.complete(true);
      case UNREGISTER -> unregister(event);
      case SOCKET_CLOSED -> {
        openSockets.remove(event.socket());
        guard.closed(event.socket());
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
    tokens.verifyHeaderCaller(authorization(frame)).onComplete(ar -> {
      String already = socketUsers.get(event.socket());
      String userId = ar.succeeded() ? ar.result().userId() : null;
      // A socket that closed while its token was being checked is not remembered (it would stay online forever).
      if (!openSockets.contains(event.socket()) || ar.failed() || address == null || !address.equals(Addresses.inbox(userId))
        || (already != null && !already.equals(userId)) || !guard.signedIn(event.socket(), ar.result())) {
        log.debug("bridge register refused address={}", address);
        event.complete(false);
        return;
      }
      if (!remember(event.socket(), userId)) {
        event.complete(false); // registered on its inbox already
        return;
      }
      // Deliberately left uncompleted: completing it would make the bridge subscribe an event-bus consumer for this
      // socket (state and a cluster-wide subscription per socket) that would never receive anything, since inbox
      // events reach the socket through LocalInboxes. An accepted registration has no answer in the protocol, so the
      // client sees exactly what it saw before; the bridge keeps no reference to the pending event.
    });
  }

  /** A socket that stops listening on its inbox stops receiving its events (it stays online until it closes). */
  private void unregister(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getString("address");
    String owner = socketUsers.get(event.socket());
    if (owner != null && Addresses.inbox(owner).equals(address)) {
      inboxes.remove(owner, event.socket());
    }
    event.complete(true);
  }

  private void send(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getString("address");
    if (address == null || !commands.addresses().contains(address)) {
      event.complete(false);
      return;
    }
    tokens.verifyHeaderCaller(authorization(frame)).onComplete(ar -> {
      if (ar.failed() || !openSockets.contains(event.socket()) || !guard.signedIn(event.socket(), ar.result())) {
        event.complete(false);
        return;
      }
      String userId = ar.result().userId();
      String replyAddress = frame.getString("replyAddress");
      if (replyAddress != null) {
        if (replyAddress.startsWith(Addresses.INBOX_PREFIX)) {
          event.complete(false); // a reply address never imitates an inbox
          return;
        }
        expectReply(event.socket(), replyAddress);
        sendLatency.sent(address, replyAddress);
      }
      // Replace whatever headers the client sent: services learn the caller only from here.
      String socketId = socketIds.computeIfAbsent(event.socket(), s -> java.util.UUID.randomUUID().toString());
      Object deviceId = frame.getJsonObject("headers", new JsonObject()).getValue("deviceId");
      JsonObject headers = new JsonObject().put(ClientCommands.USER_HEADER, userId)
        .put(ClientCommands.SOCKET_HEADER, socketId)
        .put(ClientCommands.DEVICE_HEADER, deviceId instanceof String d && DEVICE_ID.matcher(d).matches() ? d : socketId);
      long wait = limits.command(userId, guard.ip(event.socket()));
      if (wait > 0) {
        headers.put(RateLimits.LIMITED_HEADER, String.valueOf(wait)); // answered with an err frame by ClientCommands
      }
      frame.put("headers", headers);
      event.setRawMessage(frame);
      event.complete(true);
    });
  }

  private boolean mayReceive(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame == null ? null : frame.getString("address");
    Set<String> replies = pendingReplies.get(event.socket());
    if (address != null && replies != null && replies.remove(address)) {
      sendLatency.replied(address);
      if (replies.isEmpty()) {
        pendingReplies.remove(event.socket()); // an idle socket keeps no empty set
      }
      return true; // the answer to this socket's own command
    }
    return false; // inbox events bypass the bridge (LocalInboxes); nothing else is for a browser
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

  /** False when the socket is registered on this inbox already. */
  private boolean remember(SockJSSocket socket, String userId) {
    if (socketUsers.put(socket, userId) == null) {
      presence.opened(socket, userId);
    }
    return inboxes.add(userId, socket);
  }

  private void forget(SockJSSocket socket) {
    pendingReplies.remove(socket);
    socketIds.remove(socket);
    String userId = socketUsers.remove(socket);
    if (userId != null) {
      presence.closed(socket);
      inboxes.remove(userId, socket);
    }
  }
}
