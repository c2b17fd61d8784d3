package io.rtchat.gateway;

import io.rtchat.api.NotificationService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reports this gateway instance's sockets to the presence tracker in notification-service: a socket that registered
 * on its user's own inbox is a device online; its close is that device gone. Renews this instance's lease a few
 * times per lease period, so the sockets of a crashed instance expire; when the tracker lost the lease it is told
 * every open socket again. A socket's close is reported only after its open was, so the two cannot cross.
 */
public class GatewayPresence {

  private static final Logger log = LoggerFactory.getLogger(GatewayPresence.class);

  private record Device(String socketId, String userId, Future<Void> opened) {
  }

  private final NotificationService notifications;
  private final String gatewayId = UUID.randomUUID().toString();
  private final Map<SockJSSocket, Device> devices = new HashMap<>();
  /** Socket ids need only be unique per gateway (the tracker keys a device by socket and gateway id): a counter. */
  private long lastSocketId;

  public GatewayPresence(NotificationService notifications) {
    this.notifications = notifications;
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
        log.info("presence lease was lost, reporting sockets again gatewayId={} sockets={}", gatewayId, devices.size());
        devices.values().forEach(d -> report(notifications.socketOpened(d.userId(), d.socketId(), gatewayId), d.userId()));
      }
    });
  }

  public void opened(SockJSSocket socket, String userId) {
    String socketId = Long.toString(++lastSocketId, 36);
    Future<Void> opened = report(notifications.socketOpened(userId, socketId, gatewayId), userId);
    devices.put(socket, new Device(socketId, userId, opened));
  }

  public void closed(SockJSSocket socket) {
    Device device = devices.remove(socket);
    if (device != null) {
      device.opened().onComplete(ar ->
        report(notifications.socketClosed(device.userId(), device.socketId(), gatewayId), device.userId()));
    }
  }

  private Future<Void> report(Future<Void> call, String userId) {
    return call.recover(err -> {
      log.warn("presence report failed userId={} cause={}", userId, err.toString());
      return Future.succeededFuture();
    });
  }
}
