package io.rtchat.gateway;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * The browser client (module {@code web-client}: {@code webroot/} on the classpath) at {@code /}, under a strict
 * Content-Security-Policy: scripts only from this origin, no inline script, no eval, never framed. The page lives at
 * {@code /} and {@code /reset-password} (the link in the reset mail); its files under {@code /assets/}. Nothing here
 * shadows {@code /api}, {@code /eventbus}, {@code /health}, {@code /ready} or {@code /metrics}: those are mounted first
 * and an unknown path still falls through to the JSON 404.
 */
final class WebClientRoutes {

  private static final Logger log = LoggerFactory.getLogger(WebClientRoutes.class);
  static final String WEBROOT = "webroot";

  private final String contentSecurityPolicy;

  WebClientRoutes(Config config) {
    this.contentSecurityPolicy = contentSecurityPolicy(s3Origin(config));
  }

  /** Loads the page once and mounts it; without the web-client jar on the classpath the server runs API-only. */
  Future<Void> mount(Vertx vertx, Router root) {
    return vertx.fileSystem().readFile(WEBROOT + "/index.html")
      .map(index -> {
        root.get("/").handler(ctx -> page(ctx, index));
        root.get("/reset-password").handler(ctx -> page(ctx, index));
        root.get("/assets/*").handler(ctx -> {
          secure(ctx.response());
          ctx.next();
        });
        root.get("/assets/*").handler(StaticHandler.create(WEBROOT + "/assets")
          .setCachingEnabled(false)
          .setDirectoryListing(false)
          .setIncludeHidden(false));
        return (Void) null;
      })
      .recover(err -> {
        log.warn("web client not found on the classpath; serving the API only reason={}", err.getMessage());
        return Future.succeededFuture();
      });
  }

  private void page(RoutingContext ctx, Buffer index) {
    secure(ctx.response())
      .putHeader("Content-Type", "text/html; charset=utf-8")
      .putHeader("Cache-Control", "no-cache")
      .end(index);
  }

  private HttpServerResponse secure(HttpServerResponse response) {
    return response
      .putHeader("Content-Security-Policy", contentSecurityPolicy)
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Referrer-Policy", "no-referrer")
      .putHeader("X-Frame-Options", "DENY")
      .putHeader("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
  }

  /**
   * Presigned uploads and downloads go straight to S3 (never through the gateway), so the bucket's origin is the one
   * other origin the page may connect to and show images, audio and video from.
   */
  static String contentSecurityPolicy(String s3Origin) {
    String s3 = s3Origin == null ? "" : " " + s3Origin;
    return "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'; "
      + "img-src 'self' data: blob:" + s3 + "; media-src 'self' blob:" + s3 + "; connect-src 'self'" + s3;
  }

  static String s3Origin(Config config) {
    String endpoint = config.isSet(Setting.S3_PUBLIC_ENDPOINT) ? config.get(Setting.S3_PUBLIC_ENDPOINT) : config.get(Setting.S3_ENDPOINT);
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(endpoint.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
