package io.rtchat.common;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsTest {

  @Test
  void aCodedFailureKeepsItsStatusMessageAndFields() {
    ServiceException failure = (ServiceException) Errors.fail(ErrorCode.GROUP_NOT_ADMIN, "Only admins",
      new JsonObject().put("groupId", "bad")).cause();
    Errors.ClientError error = Errors.toClientError(failure);
    assertThat(error.status()).isEqualTo(403);
    assertThat(error.toJson()).isEqualTo(new JsonObject().put("error", new JsonObject()
      .put("code", "group.not_admin").put("message", "Only admins").put("fields", new JsonObject().put("groupId", "bad"))));
    assertThat(Errors.is(failure, ErrorCode.GROUP_NOT_ADMIN)).isTrue();
    assertThat(Errors.is(failure, ErrorCode.GROUP_NOT_MEMBER)).isFalse();
  }

  @Test
  void emptyFieldsAreLeftOut() {
    Errors.ClientError error = Errors.toClientError(Errors.exception(ErrorCode.VALIDATION, "bad", new JsonObject()));
    assertThat(error.toJson().getJsonObject("error").containsKey("fields")).isFalse();
    assertThat(error.status()).isEqualTo(400);
  }

  @Test
  void aServiceThatDoesNotAnswerIs503() {
    assertThat(Errors.toClientError(new ReplyException(ReplyFailure.NO_HANDLERS, "none")).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(Errors.toClientError(new ReplyException(ReplyFailure.TIMEOUT, "slow")).status()).isEqualTo(503);
  }

  @Test
  void anythingElseIsAHidden500() {
    Errors.ClientError error = Errors.toClientError(new IllegalStateException("stack details"));
    assertThat(error.status()).isEqualTo(500);
    assertThat(error.message()).doesNotContain("stack details");
    assertThat(Errors.toClientError(new ServiceException(500, "raw", new JsonObject().put("code", "made.up"))).code())
      .isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void everyCodeIsUniqueFindableAndAClientOrServerStatus() {
    Set<String> seen = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(seen.add(code.code())).as("unique " + code.code()).isTrue();
      assertThat(ErrorCode.byCode(code.code())).isEqualTo(code);
      assertThat(code.status()).isBetween(400, 599);
    }
  }
}
