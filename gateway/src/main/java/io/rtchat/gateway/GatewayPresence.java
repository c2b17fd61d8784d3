package io.rtchat.gateway;

import io.rtchat.api.NotificationService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reports this gateway instance's users to the presence tracker in notification-service: a user is present on this
 * gateway while at least one of their sockets that registered on their inbox is open here. Only the transitions are
 * reported (the first such socket, the last one closing), under this gateway's id, so the tracker keeps one entry
 * per user and gateway rather than one per socket: a user with five tabs costs one entry, and a reconnect storm
 * costs a write per user, not per socket. Renews this instance's lease a few times per lease period, so the users of
 * a crashed instance expire; when the tracker lost the lease it is told every present user again. The reports of
 * one user are chained, so an "absent" cannot overtake the "present" before it.
 */
public class GatewayPresence {

  private static final Logger log = LoggerFactory.getLogger(GatewayPresence.class);

  private final NotificationService notifications;
  /** Unique per gateway process; also names a socket, with its serial (see {@link BridgeSocket#id}). */
  private final String gatewayId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  /** Users with a present socket here, or a report still on its way. */
  private final Map<String, User> users = new HashMap<>();

  private static final class User {
    int sockets;
    Future<Void> reported = Future.succeededFuture();
  }

  public GatewayPresence(NotificationService notifications) {
    this.notifications = notifications;
  }

  public String gatewayId() {
    return gatewayId;
  }

  /** Takes the lease now and renews it every third of {@code lease}; never holds up the gateway's start. */
  public void start(Vertx vertx, Duration lease) {
    long every = Math.max(100, lease.toMillis() / 3);
    vertx.setPeriodic(1, every, t -> renew());
  }

  private void renew() {
    notifications.gatewayAlive(gatewayId).onComplete(ar -> {
      if (ar.failed()) {
        log.warn("presence lease renewal failed gatewayId={} cause={}", gatewayId, ar.cause().toString());
      } else if (!ar.result()) {
        log.info("presence lease was lost, reporting users again gatewayId={} users={}", gatewayId, users.size());
        users.forEach((userId, user) -> {
          if (user.sockets > 0) {
            chain(userId, user, () -> notifications.socketOpened(userId, gatewayId, gatewayId));
          }
        });
      }
    });
  }

  /** The socket registered on its user's inbox: its user is present here (counted once per socket). */
  public void opened(BridgeSocket socket) {
    if (socket.present) {
      return;
    }
    socket.present = true;
    String userId = socket.userId;
    User user = users.computeIfAbsent(userId, k -> new User());
    if (user.sockets++ == 0) {
      chain(userId, user, () -> notifications.socketOpened(userId, gatewayId, gatewayId));
    }
  }

  /** A present socket closed: the last one makes its user absent here. */
  public void closed(BridgeSocket socket) {
    if (!socket.present) {
      return;
    }
    socket.present = false;
    String userId = socket.userId;
    User user = users.get(userId);
    if (user != null && --user.sockets == 0) {
      chain(userId, user, () -> notifications.socketClosed(userId, gatewayId, gatewayId));
    }
  }

  private void chain(String userId, User user, Supplier<Future<Void>> call) {
    Future<Void> next = user.reported.transform(previous -> call.get()).recover(err -> {
      log.warn("presence report failed userId={} cause={}", userId, err.toString());
      return Future.succeededFuture();
    });
    user.reported = next;
    next.onComplete(done -> {
      if (user.sockets == 0 && user.reported == next) {
        users.remove(userId, user); // nothing present and nothing in flight: forget the user
      }
    });
  }
}
