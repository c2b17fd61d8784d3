package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.rtchat.api.CallService;
import io.rtchat.api.ChatService;
import io.rtchat.api.GroupService;
import io.rtchat.api.MediaService;
import io.rtchat.api.NotificationService;
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
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The front door: REST under {@code /api/v1}, the event-bus bridge under {@code /eventbus}, health and readiness.
 * It authenticates and translates; each {@link ApiModule} forwards to a service proxy.
 */
public class GatewayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(GatewayVerticle.class);
  public static final String API = "/api/v1";

  private HttpServer server;
  private Router api;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    AuthService auth = AuthService.createProxy(vertx);
    ClientCommands commands = new ClientCommands(vertx);
    EventBridge[] bridge = new EventBridge[1];
    AccessTokens tokens = new AccessTokens(vertx, Jwt.auth(vertx, config), auth, userId -> bridge[0].closeSocketsOf(userId));
    GatewayPresence presence = new GatewayPresence(NotificationService.createProxy(vertx));
    bridge[0] = new EventBridge(tokens, commands, presence);

    List<ApiModule> modules = List.of(
      new AuthRoutes(auth),
      new FriendRoutes(GroupService.createProxy(vertx)),
      new UserRoutes(auth),
      new GroupRoutes(GroupService.createProxy(vertx)),
      new ChatRoutes(ChatService.createProxy(vertx)),
      new MediaRoutes(MediaService.createProxy(vertx), tokens),
      new NotificationRoutes(NotificationService.createProxy(vertx)),
      new CallRoutes(CallService.createProxy(vertx)));

    Router root = Router.router(vertx);
    root.route().handler(CorsHandler.create()
      .addOrigins(allowedOrigins(config))
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.PUT))
      .allowedHeaders(Set.of("Authorization", "Content-Type"))
      .allowCredentials(false));
    root.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    root.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness(auth)));
    root.get("/metrics").handler(PrometheusScrapingHandler.create());

    api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.getInt(Setting.BODY_LIMIT_BYTES)));
    JsonObject openApi = OpenApiDocument.load();
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
    modules.forEach(m -> m.mount(api));
    modules.forEach(m -> m.registerCommands(commands));
    root.route(API + "/*").subRouter(api);

    Router eventBus = bridge[0].router(vertx, config);
    root.route("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    root.route("/eventbus/*").subRouter(eventBus);

    root.route().last().handler(ctx -> ctx.fail(404));
    root.route().failureHandler(this::failure);
    api.route().failureHandler(this::failure);

    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.get(Setting.HTTP_HOST))
      .setPort(config.getInt(Setting.HTTP_PORT))
      .setMaxWebSocketFrameSize(64 * 1024)
      .setMaxWebSocketMessageSize(64 * 1024)
      .setCompressionSupported(true);
    presence.start(vertx, java.time.Duration.ofSeconds(config.getInt(Setting.PRESENCE_LEASE_SECONDS)));
    return vertx.createHttpServer(options).requestHandler(root).listen()
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

  private HealthChecks readiness(AuthService auth) {
    HealthChecks checks = HealthChecks.create(vertx);
    register(checks, "auth-service", () -> auth.ready());
    register(checks, "group-service", () -> GroupService.createProxy(vertx).ready());
    register(checks, "chat-service", () -> ChatService.createProxy(vertx).ready());
    register(checks, "media-service", () -> MediaService.createProxy(vertx).ready());
    register(checks, "notification-service", () -> NotificationService.createProxy(vertx).ready());
    return checks;
  }

  /**
   * A probe that answers too late counts as down (503) rather than as a failed procedure: the health-check handler
   * turns its own timeout into a 500, and a slow dependency (S3 retrying a refused connection) is "not ready", not
   * a server error.
   */
  private static void register(HealthChecks checks, String name, Supplier<Future<Void>> probe) {
    checks.register(name, 5_000, promise -> probe.get().timeout(2_500, TimeUnit.MILLISECONDS)
      .onSuccess(v -> promise.complete(Status.OK()))
      .onFailure(err -> promise.complete(Status.KO(new JsonObject().put("error", String.valueOf(err.getMessage()))))));
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
