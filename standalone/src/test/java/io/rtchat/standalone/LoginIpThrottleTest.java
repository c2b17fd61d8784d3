package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins are also counted per client IP, so guessing across many accounts is throttled too. */
class LoginIpThrottleTest extends StackPerClass {

  @Override
  protected Map<String, String> overrides() {
    return Map.of("LOGIN_MAX_FAILURES_PER_IP", "4", "LOGIN_BACKOFF_BASE_SECONDS", "30");
  }

  @Test
  void failuresAcrossManyAccountsFromOneAddressAreThrottled() {
    ApiClient api = stack.api();
    TestUser lou = stack.users().create("lou");
    for (int i = 0; i < 4; i++) {
      Response r = api.post("/auth/login", null,
        new JsonObject().put("email", Users.unique("guess") + "@example.test").put("password", "guess " + i));
      assertThat(r.status()).isEqualTo(401);
    }
    Response throttled = api.post("/auth/login", null, new JsonObject().put("email", lou.email()).put("password", Users.PASSWORD));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.errorCode()).isEqualTo("auth.login_throttled");
  }
}
