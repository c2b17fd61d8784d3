package io.rtchat.chat;

import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the error a completed future failed with, as a client would see it. */
final class Failures {

  private Failures() {
  }

  static Errors.ClientError errorOf(Future<?> future) {
    assertThat(future.failed()).as("the future failed").isTrue();
    return Errors.toClientError(future.cause());
  }

  /** The names of the fields the error blames (none when it names no field). */
  static Set<String> fieldsOf(Future<?> future) {
    JsonObject fields = errorOf(future).fields();
    return fields == null ? Set.of() : fields.fieldNames();
  }

  static String codeOf(Future<?> future) {
    return errorOf(future).code().code();
  }
}
