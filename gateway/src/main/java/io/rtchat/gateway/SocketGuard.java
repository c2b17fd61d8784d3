package io.rtchat.gateway;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a bridge socket may hold on to: sockets that do not sign in (register on their inbox with a valid token)
 * within {@code BRIDGE_AUTH_TIMEOUT_SECONDS} are closed; a signed-in socket is closed when the newest token it
 * presented expires or its login ends (logout); a user and a client IP may hold only so many sockets. The bridge
 * tells it about each socket's life; it decides and closes. One event loop (the gateway verticle's) uses it.
 */
public class SocketGuard {

  private static final Logger log = LoggerFactory.getLogger(SocketGuard.class);

  static final short CLOSE_NOT_SIGNED_IN = 4000;
  static final short CLOSE_TOKEN_ENDED = 4001;
  static final short CLOSE_TOO_MANY = 4008;

  private final Vertx vertx;
  private final long authTimeoutMillis;
  private final int maxPerUser;
  private final int maxPerIp;

  private final Map<SockJSSocket, State> sockets = new HashMap<>();
  private final Map<String, Integer> perIp = new HashMap<>();
  private final Map<String, Integer> perUser = new HashMap<>();
  private final Map<String, Set<SockJSSocket>> bySession = new HashMap<>();

  /** One socket: where it comes from, whom it signed in as (null until then), and its pending close timer. */
  private static final class State {
    final String ip;
    String userId;
    String sessionId;
    long expiresAtMillis;
    long timer = -1;

    State(String ip) {
      this.ip = ip;
    }
  }

  public SocketGuard(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.authTimeoutMillis = config.getInt(Setting.BRIDGE_AUTH_TIMEOUT_SECONDS) * 1000L;
    this.maxPerUser = config.getInt(Setting.BRIDGE_MAX_SOCKETS_PER_USER);
    this.maxPerIp = config.getInt(Setting.BRIDGE_MAX_SOCKETS_PER_IP);
  }

  /** A socket opened: refused (closed, false) when its IP is at its cap; otherwise it has a while to sign in. */
  public boolean opened(SockJSSocket socket) {
    String ip = ipOf(socket);
    int count = perIp.getOrDefault(ip, 0);
    if (count >= maxPerIp) {
      log.warn("bridge socket refused: too many from one address ip={} open={}", ip, count);
      socket.close(CLOSE_TOO_MANY, "too many sockets from this address");
      return false;
    }
    perIp.put(ip, count + 1);
    State state = new State(ip);
    sockets.put(socket, state);
    state.timer = vertx.setTimer(authTimeoutMillis, t -> {
      state.timer = -1;
      if (sockets.get(socket) == state && state.userId == null) {
        socket.close(CLOSE_NOT_SIGNED_IN, "sign in first");
      }
    });
    return true;
  }

  /**
   * The socket presented a valid token of this caller (its register, or any later frame): the first time it counts
   * against the user's cap (false: refused, the socket is closed); each time its close moves to that token's expiry.
   */
  public boolean signedIn(SockJSSocket socket, AccessTokens.Caller caller) {
    State state = sockets.get(socket);
    if (state == null) {
      return false; // closed meanwhile, or refused when it opened
    }
    if (state.userId == null) {
      int count = perUser.getOrDefault(caller.userId(), 0);
      if (count >= maxPerUser) {
        log.warn("bridge socket refused: too many for one user userId={} open={}", caller.userId(), count);
        socket.close(CLOSE_TOO_MANY, "too many sockets for this user");
        return false;
      }
      perUser.put(caller.userId(), count + 1);
      state.userId = caller.userId();
    } else if (!state.userId.equals(caller.userId())) {
      return false;
    }
    if (caller.sessionId() != null && !caller.sessionId().equals(state.sessionId)) {
      leaveSession(socket, state);
      state.sessionId = caller.sessionId();
      bySession.computeIfAbsent(state.sessionId, k -> new HashSet<>()).add(socket);
    }
    if (caller.expiresAtMillis() > state.expiresAtMillis || state.timer < 0 || state.expiresAtMillis == 0) {
      state.expiresAtMillis = Math.max(state.expiresAtMillis, caller.expiresAtMillis());
      schedule(socket, state);
    }
    return true;
  }

  private void schedule(SockJSSocket socket, State state) {
    if (state.timer >= 0) {
      vertx.cancelTimer(state.timer);
    }
    long delay = Math.max(1, state.expiresAtMillis - System.currentTimeMillis());
    state.timer = vertx.setTimer(delay, t -> {
      state.timer = -1;
      if (sockets.get(socket) == state && System.currentTimeMillis() >= state.expiresAtMillis) {
        socket.close(CLOSE_TOKEN_ENDED, "access token expired");
      }
    });
  }

  /** A login ended: its sockets close (the user's other devices stay). */
  public void sessionEnded(String sessionId) {
    Set<SockJSSocket> members = bySession.get(sessionId);
    if (members != null) {
      for (SockJSSocket socket : Set.copyOf(members)) {
        socket.close(CLOSE_TOKEN_ENDED, "signed out");
      }
    }
  }

  public void closed(SockJSSocket socket) {
    State state = sockets.remove(socket);
    if (state == null) {
      return;
    }
    if (state.timer >= 0) {
      vertx.cancelTimer(state.timer);
    }
    decrement(perIp, state.ip);
    if (state.userId != null) {
      decrement(perUser, state.userId);
    }
    leaveSession(socket, state);
  }

  /** The client address of a socket (the peer of its connection). */
  public String ip(SockJSSocket socket) {
    State state = sockets.get(socket);
    return state != null ? state.ip : ipOf(socket);
  }

  private void leaveSession(SockJSSocket socket, State state) {
    if (state.sessionId == null) {
      return;
    }
    Set<SockJSSocket> members = bySession.get(state.sessionId);
    if (members != null && members.remove(socket) && members.isEmpty()) {
      bySession.remove(state.sessionId);
    }
  }

  private static void decrement(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  private static String ipOf(SockJSSocket socket) {
    // The socket's opening request went through AccessLog, which resolved X-Forwarded-For from trusted proxies.
    if (socket.routingContext() != null && socket.routingContext().get(AccessLog.CLIENT_IP) != null) {
      return socket.routingContext().get(AccessLog.CLIENT_IP);
    }
    return socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
  }
}
