package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Jwt;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The front door: REST under {@code /api/v1}, the event-bus bridge under {@code /eventbus}, health and readiness.
 * It authenticates and translates; each {@link ApiModule} forwards to a service proxy.
 */
public class GatewayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(GatewayVerticle.class);
  public static final String API = "/api/v1";

  /** WebSocket close code 1012 (service restart): the client should reconnect, and will reach another gateway. */
  public static final short RECONNECT_ELSEWHERE = 1012;

  private HttpServer server;
  private Router api;
  private EventBridge bridge;
  private ServiceHealth serviceHealth;
  private Duration shutdownGrace = Duration.ofSeconds(20);

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    ServiceProxies services = ServiceProxies.create(vertx, config.getInt(Setting.SERVICE_CALL_TIMEOUT_MILLIS));
    AuthService auth = services.auth();
    TrustedProxies proxies = TrustedProxies.of(config.getList(Setting.TRUSTED_PROXIES));
    ClientCommands commands = new ClientCommands();
    EventBridge[] bridge = new EventBridge[1];
    AccessTokens tokens = new AccessTokens(vertx, Jwt.auth(vertx, config), auth,
      config.getInt(Setting.ACCESS_TOKEN_TTL_SECONDS) * 1000L,
      userId -> bridge[0].closeSocketsOf(userId), (userId, sessionId) -> bridge[0].closeSession(sessionId));
    GatewayPresence presence = new GatewayPresence(services.notifications());
    RateLimits limits = new RateLimits(config);
    bridge[0] = new EventBridge(tokens, commands, presence, new SocketGuard(config, EventBridge.PING_TIMEOUT_MILLIS), limits);
    this.bridge = bridge[0];
    GatewayMetrics.register(bridge[0]);

    List<ApiModule> modules = List.of(
      new AuthRoutes(auth),
      new FriendRoutes(services.friends()),
      new UserRoutes(auth),
      new GroupRoutes(services.groups()),
      new AiRoutes(services.ai()), // before ChatRoutes: /chats/ai/... is not /chats/:chatId/...
      new ChatRoutes(services.chats()),
      new MediaRoutes(services.media(), tokens),
      new NotificationRoutes(services.notifications()),
      new CallRoutes(services.calls()));

    Router root = Router.router(vertx);
    root.route().handler(new AccessLog(proxies));
    root.route().handler(CorsHandler.create()
      .addOrigins(allowedOrigins(config))
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.PUT))
      .allowedHeaders(Set.of("Authorization", "Content-Type"))
      .allowCredentials(false));
    // Readiness and metrics live on the management port (MANAGEMENT_PORT), which the Ingress never exposes.
    root.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));

    api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.getInt(Setting.BODY_LIMIT_BYTES)));
    JsonObject openApi = OpenApiDocument.load();
    limits.mountPublic(api);
    api.get("/openapi.json").handler(ctx -> ctx.json(openApi));
    modules.forEach(m -> m.mountPublic(api));
    api.route().handler(ctx -> tokens.verifyHeader(ctx.request().getHeader("Authorization")).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ctx.put(Rest.USER_ID, ar.result());
        ctx.next();
      }
    }));
    limits.mountAuthenticated(api);
    modules.forEach(m -> m.mount(api));
    modules.forEach(m -> m.registerCommands(commands));
    root.route(API + "/*").subRouter(api);

    // SockJS transports (the web client's) go to the bridge's SockJS router.
    Router eventBus = bridge[0].start(vertx);
    root.route("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    root.route("/eventbus/*").subRouter(eventBus);

    Future<Void> webClient = new WebClientRoutes(config).mount(vertx, root);
    root.route().last().handler(ctx -> ctx.fail(404));
    root.route().failureHandler(this::failure);
    api.route().failureHandler(this::failure);

    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.get(Setting.HTTP_HOST))
      .setPort(config.getInt(Setting.HTTP_PORT))
      .setMaxWebSocketFrameSize(64 * 1024)
      .setMaxWebSocketMessageSize(64 * 1024)
      .setCompressionSupported(config.getBoolean(Setting.HTTP_COMPRESSION));
    // The bridge's raw WebSocket is taken before the router: it keeps nothing of its request (see RawWebSocketRoute).
    RawWebSocketRoute rawWebSocketFirst = new RawWebSocketRoute(bridge[0], root, proxies, allowedOrigins(config));
    presence.start(vertx, java.time.Duration.ofSeconds(config.getInt(Setting.PRESENCE_LEASE_SECONDS)));
    serviceHealth = new ServiceHealth(services);
    serviceHealth.start(vertx, 10_000);
    shutdownGrace = Duration.ofSeconds(config.getInt(Setting.SHUTDOWN_GRACE_SECONDS));
    return webClient.compose(v -> vertx.createHttpServer(options).requestHandler(rawWebSocketFirst).listen())
      .onSuccess(s -> {
        server = s;
        log.info("gateway listening port={}", s.actualPort());
      });
  }

  /** ALLOWED_ORIGINS, or by default the server's own public address (the web client it serves). */
  static List<String> allowedOrigins(Config config) {
    List<String> listed = config.getList(Setting.ALLOWED_ORIGINS);
    return listed.isEmpty() ? List.of(config.get(Setting.PUBLIC_URL).replaceAll("/+$", "")) : listed;
  }

  /**
   * Drain (SIGTERM or undeploy): bridge sockets are told to reconnect elsewhere (close code 1012, "service
   * restart"), the server stops accepting and in-flight requests get SHUTDOWN_GRACE_SECONDS to finish.
   */
  @Override
  public Future<?> stop() {
    if (serviceHealth != null) {
      serviceHealth.stop(vertx);
    }
    if (bridge != null) {
      bridge.closeAll(RECONNECT_ELSEWHERE, "server draining: reconnect");
    }
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownGrace);
  }

  /** Every failure leaves as the API's error JSON; a 5xx is logged, its details never sent. */
  private void failure(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    Throwable failure = ctx.failure();
    Errors.ClientError error;
    if (failure instanceof ReplyException || ctx.statusCode() < 400) {
      error = Errors.toClientError(failure);
    } else {
      // Failures raised by Vert.x handlers themselves (CORS, body limit, routing) carry their status.
      error = switch (ctx.statusCode()) {
        case 400 -> new Errors.ClientError(ErrorCode.VALIDATION, "The request is not valid", null);
        case 401 -> new Errors.ClientError(ErrorCode.UNAUTHORIZED, "Sign in first", null);
        case 403 -> new Errors.ClientError(ErrorCode.FORBIDDEN, "Not allowed (origin or permissions)", null);
        case 404 -> new Errors.ClientError(ErrorCode.NOT_FOUND, "No such route", null);
        case 405 -> new Errors.ClientError(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed here", null);
        case 413 -> new Errors.ClientError(ErrorCode.BODY_TOO_LARGE, "The request body is too large", null);
        case 415 -> new Errors.ClientError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON", null);
        default -> new Errors.ClientError(ErrorCode.INTERNAL, "Something went wrong on our side", null);
      };
    }
    if (error.status() >= 500) {
      log.error("request failed method={} path={} status={}", ctx.request().method(), ctx.request().path(), error.status(), failure);
    }
    if (error.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
    }
    ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(error.toJson().toBuffer());
  }

  /** "METHOD /path" of every client route, in OpenAPI's {param} style (the OpenAPI coverage test reads it). */
  public List<String> apiRoutes() {
    return api.getRoutes().stream()
      .filter(r -> r.getPath() != null && r.methods() != null)
      .flatMap(r -> r.methods().stream().map(m -> m.name() + " " + r.getPath().replaceAll(":([A-Za-z]+)", "{$1}")))
      .distinct()
      .toList();
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
