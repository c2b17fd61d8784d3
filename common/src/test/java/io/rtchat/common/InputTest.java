package io.rtchat.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InputTest {

  private static final String ID = "a00000000000000000000001";

  private static JsonObject fields(Input in) {
    return ((ServiceException) in.failure().cause()).getDebugInfo().getJsonObject("fields");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Input in = Input.of(new JsonObject().put("name", "   ").put("email", "nope").put("count", "x"));
    in.requiredString("name", 1, 10);
    in.requiredEmail("email");
    in.requiredId("receiverId");
    assertThat(in.invalid()).isTrue();
    assertThat(fields(in).fieldNames()).containsExactlyInAnyOrder("name", "email", "receiverId");
    assertThat(((ServiceException) in.failure().cause()).getDebugInfo().getString("code")).isEqualTo("request.invalid");
  }

  @Test
  void stringsAreTrimmedAndBounded() {
    Input in = Input.of(new JsonObject().put("name", "  Ann  ").put("long", "x".repeat(11)).put("number", 5));
    assertThat(in.requiredString("name", 1, 10)).isEqualTo("Ann");
    assertThat(in.requiredString("long", 1, 10)).isNull();
    assertThat(in.requiredString("number", 1, 10)).isNull();
    assertThat(in.optionalString("absent", 1, 10)).isNull();
    assertThat(fields(in).getString("long")).isEqualTo("must be at most 10 characters");
    assertThat(fields(in).getString("number")).isEqualTo("must be a string");
    assertThat(fields(in).containsKey("absent")).isFalse();
  }

  @Test
  void idListsAndEnumsAreChecked() {
    Input in = Input.of(new JsonObject().put("ids", new JsonArray().add(ID).add("bad")).put("kind", "other"));
    in.optionalIdList("ids", 10);
    assertThat(in.requiredEnum("kind", List.of("a", "b"))).isNull();
    assertThat(fields(in).fieldNames()).contains("ids", "kind");
    Input ok = Input.of(new JsonObject().put("ids", new JsonArray().add(ID)));
    assertThat(ok.optionalIdList("ids", 10)).containsExactly(ID);
    assertThat(ok.invalid()).isFalse();
  }

  @Test
  void aPathIdThatIsNoObjectIdIsA400() {
    ServiceException failure = (ServiceException) Input.checkId("groupId", "123").cause();
    assertThat(failure.failureCode()).isEqualTo(400);
    assertThat(failure.getDebugInfo().getString("code")).isEqualTo("request.invalid_id");
    assertThat(Input.checkId("groupId", ID).succeeded()).isTrue();
    assertThat(Input.checkId("groupId", null).failed()).isTrue();
  }
}
