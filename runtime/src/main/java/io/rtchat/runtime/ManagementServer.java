package io.rtchat.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port (MANAGEMENT_PORT), separate from the public one so the Ingress never exposes it:
 * {@code /health} (liveness: an event loop answered), {@code /ready} (this process's readiness), {@code /metrics}
 * (Prometheus text of the process's registry).
 */
public final class ManagementServer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
  private static final long CHECK_TIMEOUT_MILLIS = 2_500;

  private final Readiness readiness;
  private HttpServer server;

  public ManagementServer(Readiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    HttpServerOptions options = new HttpServerOptions()
      .setHost(config.get(Setting.MANAGEMENT_HOST))
      .setPort(config.getInt(Setting.MANAGEMENT_PORT));
    return vertx.createHttpServer(options).requestHandler(this::handle).listen()
      .onSuccess(s -> {
        server = s;
        log.info("management port listening port={}", s.actualPort());
      });
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET) {
      json(request, 405, new JsonObject().put("status", "method not allowed"));
      return;
    }
    switch (request.path()) {
      case "/health" -> json(request, 200, new JsonObject().put("status", "UP"));
      case "/ready" -> readiness.check(CHECK_TIMEOUT_MILLIS).onComplete(ar -> {
        JsonObject body = ar.succeeded() ? ar.result() : new JsonObject().put("status", "DOWN");
        json(request, "UP".equals(body.getString("status")) ? 200 : 503, body);
      });
      case "/metrics" -> metrics(request);
      default -> json(request, 404, new JsonObject().put("status", "not found"));
    }
  }

  private void metrics(HttpServerRequest request) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      json(request, 404, new JsonObject().put("status", "metrics are not enabled"));
      return;
    }
    vertx.executeBlocking(prometheus::scrape, false).onComplete(ar -> {
      if (ar.failed()) {
        json(request, 500, new JsonObject().put("status", "scrape failed"));
      } else {
        request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
      }
    });
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
