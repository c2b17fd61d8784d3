package io.rtchat.gateway;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a bridge socket may hold on to: sockets that do not sign in (register on their inbox with a valid token)
 * within {@code BRIDGE_AUTH_TIMEOUT_SECONDS} are closed; a signed-in socket is closed when the newest token it
 * presented expires or its login ends (logout); one that has not pinged for the ping timeout is closed as idle; a
 * user and a client IP may hold only so many sockets. The bridge tells it about each socket's life; it decides and
 * closes.
 *
 * <p>The deadlines are checked by one sweep a second over the open sockets rather than a timer per socket: a timer
 * costs a few hundred bytes per idle socket, a sweep of ten thousand sockets a fraction of a millisecond. One event
 * loop (the gateway verticle's) uses it.
 */
public class SocketGuard {

  private static final Logger log = LoggerFactory.getLogger(SocketGuard.class);

  static final short CLOSE_NOT_SIGNED_IN = 4000;
  static final short CLOSE_TOKEN_ENDED = 4001;
  static final short CLOSE_TOO_MANY = 4008;
  /** What the Vert.x bridge closes a socket with when its pings stop. */
  static final short CLOSE_IDLE = 1001;
  static final long SWEEP_MILLIS = 1_000;

  private final long authTimeoutMillis;
  private final long pingTimeoutMillis;
  private final int maxPerUser;
  private final int maxPerIp;

  private final Set<BridgeSocket> open = new HashSet<>();
  private final Map<String, Count> perIp = new HashMap<>();
  private final Map<String, Count> perUser = new HashMap<>();
  /** Logins with a socket here: a logout closes their sockets. */
  private final Map<String, Count> perSession = new HashMap<>();

  /**
   * How many open sockets one address, user or login has. Its {@code id} is the one instance of that id the sockets
   * refer to: the address and a token's claims are new strings for every socket, and ten thousand sockets would
   * keep ten thousand copies. Sockets are not listed per owner: the rare walks (a logout, a revocation) go over the
   * open sockets instead of every socket paying for a set entry.
   */
  private static final class Count {
    final String id;
    int sockets;

    Count(String id) {
      this.id = id;
    }
  }

  public SocketGuard(Config config, long pingTimeoutMillis) {
    this.authTimeoutMillis = config.getInt(Setting.BRIDGE_AUTH_TIMEOUT_SECONDS) * 1000L;
    this.pingTimeoutMillis = pingTimeoutMillis;
    this.maxPerUser = config.getInt(Setting.BRIDGE_MAX_SOCKETS_PER_USER);
    this.maxPerIp = config.getInt(Setting.BRIDGE_MAX_SOCKETS_PER_IP);
  }

  /** A socket opened: refused (closed, false) when its IP is at its cap; otherwise it has a while to sign in. */
  public boolean opened(BridgeSocket socket) {
    Count ip = perIp.computeIfAbsent(socket.ip, Count::new);
    if (ip.sockets >= maxPerIp) {
      log.warn("bridge socket refused: too many from one address ip={} open={}", socket.ip, ip.sockets);
      socket.close(CLOSE_TOO_MANY, "too many sockets from this address");
      return false;
    }
    ip.sockets++;
    socket.ip = ip.id;
    open.add(socket);
    return true;
  }

  /**
   * The socket presented a valid token of this caller (its register, or any later frame): the first time it counts
   * against the user's cap (false: refused, the socket is closed); each time its close moves to that token's expiry.
   */
  public boolean signedIn(BridgeSocket socket, AccessTokens.Caller caller) {
    if (!open.contains(socket)) {
      return false; // closed meanwhile, or refused when it opened
    }
    if (socket.userId == null) {
      Count user = perUser.computeIfAbsent(caller.userId(), Count::new);
      if (user.sockets >= maxPerUser) {
        log.warn("bridge socket refused: too many for one user userId={} open={}", caller.userId(), user.sockets);
        socket.close(CLOSE_TOO_MANY, "too many sockets for this user");
        return false;
      }
      user.sockets++;
      socket.userId = user.id;
    } else if (!socket.userId.equals(caller.userId())) {
      return false;
    }
    if (caller.sessionId() != null && !caller.sessionId().equals(socket.sessionId)) {
      leave(perSession, socket.sessionId);
      Count session = perSession.computeIfAbsent(caller.sessionId(), Count::new);
      session.sockets++;
      socket.sessionId = session.id;
    }
    socket.expiresAtMillis = Math.max(socket.expiresAtMillis, caller.expiresAtMillis());
    return true;
  }

  /** The socket pinged: it is not idle. */
  public void pinged(BridgeSocket socket, long nowMillis) {
    socket.lastPingMillis = nowMillis;
  }

  /** Closes the sockets whose deadline passed: not signed in in time, token expired, or no ping for too long. */
  public void sweep(long nowMillis) {
    List<BridgeSocket> notSignedIn = new ArrayList<>();
    List<BridgeSocket> expired = new ArrayList<>();
    List<BridgeSocket> idle = new ArrayList<>();
    for (BridgeSocket socket : open) {
      if (socket.userId == null && nowMillis - socket.openedAtMillis >= authTimeoutMillis) {
        notSignedIn.add(socket);
      } else if (socket.userId != null && socket.expiresAtMillis > 0 && nowMillis >= socket.expiresAtMillis) {
        expired.add(socket);
      } else if (nowMillis - socket.lastPingMillis >= pingTimeoutMillis) {
        idle.add(socket);
      }
    }
    // closed after the walk: a close may report back (and leave the set) before it returns
    notSignedIn.forEach(s -> s.close(CLOSE_NOT_SIGNED_IN, "sign in first"));
    expired.forEach(s -> s.close(CLOSE_TOKEN_ENDED, "access token expired"));
    idle.forEach(s -> s.close(CLOSE_IDLE, "Session expired"));
  }

  /** A login ended: its sockets close (the user's other devices stay). */
  public void sessionEnded(String sessionId) {
    if (perSession.containsKey(sessionId)) {
      for (BridgeSocket socket : openSockets()) {
        if (sessionId.equals(socket.sessionId)) {
          socket.close(CLOSE_TOKEN_ENDED, "signed out");
        }
      }
    }
  }

  public void closed(BridgeSocket socket) {
    if (!open.remove(socket)) {
      return;
    }
    leave(perIp, socket.ip);
    leave(perUser, socket.userId);
    leave(perSession, socket.sessionId);
  }

  /** The open sockets (a copy: closing one changes the set). */
  public List<BridgeSocket> openSockets() {
    return List.copyOf(open);
  }

  public int openCount() {
    return open.size();
  }

  /** The sockets of one user (empty when none is signed in here). */
  public List<BridgeSocket> socketsOf(String userId) {
    return perUser.containsKey(userId) ? open.stream().filter(s -> userId.equals(s.userId)).toList() : List.of();
  }

  private static void leave(Map<String, Count> counts, String id) {
    Count count = id == null ? null : counts.get(id);
    if (count != null && --count.sockets <= 0) {
      counts.remove(id);
    }
  }
}
