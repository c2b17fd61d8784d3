package io.rtchat.gateway;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The small vocabulary every route handler speaks: the caller, the body, the query, and the answer. */
public final class Rest {

  static final String USER_ID = "rtchat.userId";

  private Rest() {
  }

  /** The verified caller, set by the authentication handler; never taken from the request. */
  public static String userId(RoutingContext ctx) {
    return ctx.get(USER_ID);
  }

  /** The JSON object body; an empty body reads as {}, anything else that is not a JSON object is a 400/415. */
  public static Future<JsonObject> body(RoutingContext ctx) {
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      return Future.succeededFuture(new JsonObject());
    }
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      return Errors.fail(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send JSON with Content-Type: application/json");
    }
    try {
      Object parsed = raw.toJsonValue();
      if (parsed instanceof JsonObject json) {
        return Future.succeededFuture(json);
      }
      return Errors.fail(ErrorCode.MALFORMED_JSON, "The body must be a JSON object");
    } catch (DecodeException e) {
      return Errors.fail(ErrorCode.MALFORMED_JSON, "The body is not valid JSON");
    }
  }

  /** A query parameter as a whole number, or null when absent; a 400 when it is not a number. */
  public static Future<Integer> intParam(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return Future.succeededFuture(null);
    }
    try {
      return Future.succeededFuture(Integer.parseInt(raw.trim()));
    } catch (NumberFormatException e) {
      return Errors.fail(ErrorCode.VALIDATION, name + " must be a whole number",
        new JsonObject().put(name, "must be a whole number"));
    }
  }

  /** The paging of a list route, parsed once: {@code limit} (a 400 when not a number), {@code before}, {@code after}. */
  public static Future<PageQuery> page(RoutingContext ctx) {
    return intParam(ctx, "limit").map(limit -> PageQuery.of(limit, cursor(ctx, "before"), cursor(ctx, "after")));
  }

  public static Future<Long> longParam(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return Future.succeededFuture(null);
    }
    try {
      return Future.succeededFuture(Long.parseLong(raw.trim()));
    } catch (NumberFormatException e) {
      return Errors.fail(ErrorCode.VALIDATION, name + " must be a whole number",
        new JsonObject().put(name, "must be a whole number"));
    }
  }

  public static String param(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }

  /** A paging cursor ({@code before}/{@code after}) from the query; null when absent or blank. */
  public static String cursor(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  /** Sends the answer with the status, or hands the failure to the error handler. */
  public static void respond(RoutingContext ctx, Future<?> answer, int status) {
    answer.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ctx.response().ended()) {
        return;
      }
      Object value = ar.result();
      if (status == 204 || value == null) {
        ctx.response().setStatusCode(status == 200 || status == 201 ? 204 : status).end();
        return;
      }
      ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      ctx.response().end(value instanceof JsonObject json ? json.toBuffer() : Buffer.buffer(io.vertx.core.json.Json.encode(value)));
    });
  }

  public static void ok(RoutingContext ctx, Future<?> answer) {
    respond(ctx, answer, 200);
  }

  public static void created(RoutingContext ctx, Future<?> answer) {
    respond(ctx, answer, 201);
  }

  public static void accepted(RoutingContext ctx, Future<?> answer) {
    respond(ctx, answer.map(v -> null), 202);
  }

  public static void noContent(RoutingContext ctx, Future<?> answer) {
    respond(ctx, answer.map(v -> null), 204);
  }
}
