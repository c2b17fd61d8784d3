package io.rtchat.notification;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One plain-text mail. */
public record Mail(String to, String subject, String text) {

  public static Future<Mail> from(JsonObject json) {
    Input in = Input.of(json);
    String to = in.requiredEmail("to");
    String subject = in.requiredString("subject", 1, 200);
    String text = in.requiredString("text", 1, 100_000);
    if (in.invalid()) {
      return in.failure();
    }
    if (subject.contains("\n") || subject.contains("\r")) {
      return Errors.fail(ErrorCode.VALIDATION, "subject must be one line");
    }
    return Future.succeededFuture(new Mail(to, subject, text));
  }
}
