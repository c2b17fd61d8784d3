package io.rtchat.gateway;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The bridge's raw WebSocket ({@code GET /eventbus/websocket} with an upgrade), taken before the router: a routed
 * request leaves its routing context, wrappers, an access-log end handler and response headers on the connection,
 * which a WebSocket keeps for as long as it is open (hours, for ten thousand sockets). It does their part itself: a
 * browser's Origin must be one of ALLOWED_ORIGINS (as CORS would require), the client's address honours
 * TRUSTED_PROXIES, and one access-log line is written as the bridge takes the connection over. Every other request
 * goes to the router.
 */
final class RawWebSocketRoute implements Handler<HttpServerRequest> {

  private final EventBridge bridge;
  private final Handler<HttpServerRequest> router;
  private final TrustedProxies proxies;
  private final boolean anyOrigin;
  private final Set<String> origins;

  RawWebSocketRoute(EventBridge bridge, Handler<HttpServerRequest> router, TrustedProxies proxies, List<String> allowedOrigins) {
    this.bridge = bridge;
    this.router = router;
    this.proxies = proxies;
    this.anyOrigin = allowedOrigins.contains("*");
    this.origins = allowedOrigins.stream().map(RawWebSocketRoute::normalized).collect(Collectors.toSet());
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (!EventBridge.isRawWebSocket(request)) {
      router.handle(request);
      return;
    }
    long started = System.nanoTime();
    String incoming = request.getHeader("X-Request-Id");
    String requestId = incoming != null && incoming.matches("[A-Za-z0-9._-]{1,64}") ? incoming : UUID.randomUUID().toString();
    String client = proxies.clientAddress(request);
    String origin = request.getHeader("Origin");
    if (origin != null && !allowed(origin)) {
      AccessLog.line(requestId, request.method().name(), request.path(), 403, started, client, null);
      Errors.ClientError error = new Errors.ClientError(ErrorCode.FORBIDDEN, "Not allowed (origin or permissions)", null, 0);
      request.response().setStatusCode(403).putHeader("Content-Type", "application/json").end(error.toJson().toBuffer());
      return;
    }
    AccessLog.line(requestId, request.method().name(), request.path(), 101, started, client, null);
    bridge.upgrade(request, client);
  }

  private boolean allowed(String origin) {
    return anyOrigin || origins.contains(normalized(origin));
  }

  /** scheme://host[:port] in lower case, without a default port or a trailing slash; the text itself if unparsable. */
  static String normalized(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return origin.trim().toLowerCase(Locale.ROOT);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return origin.trim().toLowerCase(Locale.ROOT);
    }
  }
}
