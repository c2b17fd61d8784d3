package io.rtchat.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * One line per HTTP request on the logger {@code rtchat.access}: request id (X-Request-Id from the Ingress, or a new
 * one, echoed back), method, path (never the query: it may carry a token), status, duration, client and user ids.
 * Key/value pairs become fields with LOG_FORMAT=json.
 */
final class AccessLog implements Handler<RoutingContext> {

  static final String REQUEST_ID = "rtchat.requestId";
  static final String CLIENT_IP = "rtchat.clientIp";
  private static final Logger log = LoggerFactory.getLogger("rtchat.access");

  private final TrustedProxies proxies;

  AccessLog(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  /** The client's address (X-Forwarded-For only from TRUSTED_PROXIES), for the throttles. */
  static String clientIp(RoutingContext ctx) {
    String known = ctx.get(CLIENT_IP);
    return known != null ? known : ctx.request().remoteAddress().hostAddress();
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    String incoming = ctx.request().getHeader("X-Request-Id");
    String requestId = incoming != null && incoming.matches("[A-Za-z0-9._-]{1,64}") ? incoming : UUID.randomUUID().toString();
    String client = proxies.clientAddress(ctx.request());
    ctx.put(REQUEST_ID, requestId);
    ctx.put(CLIENT_IP, client);
    ctx.response().putHeader("X-Request-Id", requestId);
    ctx.addEndHandler(v -> line(requestId, ctx.request().method().name(), ctx.request().path(),
      ctx.response().getStatusCode(), started, client, ctx.get(Rest.USER_ID)));
    ctx.next();
  }

  static void line(String requestId, String method, String path, int status, long startedNanos, String client, Object userId) {
    log.atInfo()
      .addKeyValue("requestId", requestId)
      .addKeyValue("method", method)
      .addKeyValue("path", path)
      .addKeyValue("status", status)
      .addKeyValue("millis", (System.nanoTime() - startedNanos) / 1_000_000)
      .addKeyValue("client", client)
      .addKeyValue("userId", String.valueOf(userId))
      .log("request");
  }
}
