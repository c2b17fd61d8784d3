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

/** Expiry and throttling, on a server configured with short windows so the limits show within a test. */
class AccountLimitsTest extends StackPerClass {

  @Override
  protected Map<String, String> overrides() {
    return Map.of(
      "OTP_TTL_SECONDS", "1",
      "OTP_RESEND_SECONDS", "1",
      "RESET_TOKEN_TTL_SECONDS", "1",
      "LOGIN_MAX_FAILURES_PER_ACCOUNT", "3",
      "LOGIN_MAX_FAILURES_PER_IP", "8",
      "LOGIN_BACKOFF_BASE_SECONDS", "4",
      "PASSWORD_MIN_LENGTH", "12");
  }

  private Response login(String email, String password) {
    return api.post("/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  @Test
  void expiredCodeIsRefusedAndANewOneWorks() {
    String name = Users.unique("abe");
    String email = name + "@example.test";
    api.post("/auth/register", null, users.registrationBody(name));
    String first = users.awaitOtp(email);
    stack.vertx.timer(1_500).await();
    Response expired = api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", first));
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.errorCode()).isEqualTo("auth.otp_invalid");
    assertThat(api.post("/auth/send-otp", null, new JsonObject().put("email", email)).status()).isEqualTo(202);
    String second = Users.otpIn(users.awaitMailBody(email, 2));
    assertThat(api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", second)).status()).isEqualTo(200);
  }

  @Test
  void minimumPasswordLengthIsConfigurable() {
    Response reg = api.post("/auth/register", null, users.registrationBody(Users.unique("bea"))
      .put("password", "elevenchars").put("passwordConfirm", "elevenchars"));
    assertThat(reg.status()).isEqualTo(400);
    assertThat(reg.json().getJsonObject("error").getJsonObject("fields").getString("password")).contains("12");
  }

  @Test
  void repeatedLoginFailuresAreThrottledPerAccountEvenWithTheRightPassword() {
    TestUser cid = users.create("cidney");
    for (int i = 0; i < 3; i++) {
      assertThat(login(cid.email(), "wrong password " + i).status()).isEqualTo(401);
    }
    Response throttled = login(cid.email(), Users.PASSWORD);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.errorCode()).isEqualTo("auth.login_throttled");
  }

  @Test
  void aThrottledAccountIsNotLockedBeyondItsBackoff() {
    TestUser eda = users.create("eda");
    for (int i = 0; i < 3; i++) {
      assertThat(login(eda.email(), "wrong password " + i).status()).isEqualTo(401);
    }
    Response throttled = login(eda.email(), Users.PASSWORD);
    assertThat(throttled.status()).isEqualTo(429);
    long retryAfter = Long.parseLong(throttled.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 4L);
    stack.vertx.timer(retryAfter * 1000 + 300).await();
    assertThat(login(eda.email(), Users.PASSWORD).status()).as("the owner gets in after the backoff, not 15 minutes later").isEqualTo(200);
    assertThat(login(eda.email(), "wrong again").status()).as("and a success starts the account afresh").isEqualTo(401);
  }

  @Test
  void resetLinkExpires() {
    TestUser dot = users.create("dot");
    api.post("/auth/forgot-password", null, new JsonObject().put("email", dot.email()));
    String mail = users.awaitMailBody(dot.email(), 2);
    String token = mail.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
    stack.vertx.timer(1_500).await();
    Response reset = api.post("/auth/reset-password", null,
      new JsonObject().put("token", token).put("password", "a long new password").put("passwordConfirm", "a long new password"));
    assertThat(reset.status()).isEqualTo(400);
    assertThat(login(dot.email(), Users.PASSWORD).status()).isEqualTo(200);
  }
}
