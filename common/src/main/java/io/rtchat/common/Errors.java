package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

/**
 * Failing with a code from the {@link ErrorCode} table, and turning any failure back into a client error.
 * The code travels in the {@link ServiceException}'s debug info so it survives the event bus intact.
 */
public final class Errors {

  private Errors() {
  }

  public static ServiceException exception(ErrorCode code, String message) {
    return exception(code, message, null);
  }

  public static ServiceException exception(ErrorCode code, String message, JsonObject fields) {
    JsonObject info = new JsonObject().put("code", code.code());
    if (fields != null && !fields.isEmpty()) {
      info.put("fields", fields);
    }
    return new ServiceException(code.status(), message, info);
  }

  public static <T> Future<T> fail(ErrorCode code, String message) {
    return Future.failedFuture(exception(code, message));
  }

  public static <T> Future<T> fail(ErrorCode code, String message, JsonObject fields) {
    return Future.failedFuture(exception(code, message, fields));
  }

  /** A 429-style refusal that tells the client when to try again (REST: {@code Retry-After}; bridge: the err body). */
  public static <T> Future<T> retryLater(ErrorCode code, String message, long retryAfterSeconds) {
    return Future.failedFuture(retryLaterException(code, message, retryAfterSeconds));
  }

  public static ServiceException retryLaterException(ErrorCode code, String message, long retryAfterSeconds) {
    ServiceException e = exception(code, message);
    e.getDebugInfo().put("retryAfter", Math.max(1, retryAfterSeconds));
    return e;
  }

  /** Whether a failure carries the given code (for services that react to another service's answer). */
  public static boolean is(Throwable failure, ErrorCode code) {
    return failure instanceof ServiceException se && se.getDebugInfo() != null
      && code.code().equals(se.getDebugInfo().getString("code"));
  }

  /** The client-facing form of any failure: a known code keeps its status; anything else is hidden. */
  public static ClientError toClientError(Throwable failure) {
    if (failure instanceof ServiceException se && se.getDebugInfo() != null) {
      ErrorCode code = ErrorCode.byCode(se.getDebugInfo().getString("code"));
      if (code != null) {
        return new ClientError(code, se.getMessage(), se.getDebugInfo().getJsonObject("fields"),
          se.getDebugInfo().getLong("retryAfter", 0L));
      }
    }
    if (failure instanceof ReplyException re
      && (re.failureType() == ReplyFailure.NO_HANDLERS || re.failureType() == ReplyFailure.TIMEOUT)) {
      return new ClientError(ErrorCode.UNAVAILABLE, "A service did not answer; try again shortly", null);
    }
    return new ClientError(ErrorCode.INTERNAL, "Something went wrong on our side", null);
  }

  /** An error as the client sees it. */
  public record ClientError(ErrorCode code, String message, JsonObject fields, long retryAfterSeconds) {

    public ClientError(ErrorCode code, String message, JsonObject fields) {
      this(code, message, fields, 0);
    }

    public int status() {
      return code.status();
    }

    public JsonObject toJson() {
      JsonObject error = new JsonObject().put("code", code.code()).put("message", message);
      if (fields != null && !fields.isEmpty()) {
        error.put("fields", fields);
      }
      if (retryAfterSeconds > 0) {
        error.put("retryAfter", retryAfterSeconds);
      }
      return new JsonObject().put("error", error);
    }
  }
}
