package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, e-mail verification, login and tokens through the real gateway, with codes read from real SMTP. */
class AccountsTest extends StackPerClass {

  private Response login(String email, String password) {
    return api.post("/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  @Test
  void registeredUserVerifiesWithMailedCodeAndSignsIn() {
    TestUser alice = users.create("alice");
    Response login = login(alice.email(), Users.PASSWORD);
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(login.json().getInteger("expiresIn")).isPositive();
    Response me = api.get("/users/me", login.json().getString("accessToken"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getString("email")).isEqualTo(alice.email());
    assertThat(me.json().getBoolean("emailVerified")).isTrue();
  }

  @Test
  void registrationAnswersTheUserWithoutSecrets() {
    String name = Users.unique("carol");
    Response reg = api.post("/auth/register", null, users.registrationBody(name));
    assertThat(reg.status()).isEqualTo(201);
    JsonObject user = reg.json();
    assertThat(user.getString("id")).hasSize(24);
    assertThat(user.getBoolean("emailVerified")).isFalse();
    assertThat(user.fieldNames()).doesNotContain("password", "otp", "passwordConfirm", "passwordResetToken", "tokenVersion");
    String mail = users.awaitMailBody(name + "@example.test", 1);
    assertThat(mail).containsPattern("\\b\\d{6}\\b");
  }

  @Test
  void invalidRegistrationIsRefusedWithEveryFieldAndStoresNothing() {
    String name = Users.unique("dave");
    JsonObject bad = users.registrationBody(name)
      .put("email", "not-an-address").put("password", "short").put("passwordConfirm", "other").put("firstName", 42);
    Response reg = api.post("/auth/register", null, bad);
    assertThat(reg.status()).isEqualTo(400);
    assertThat(reg.errorCode()).isEqualTo("request.invalid");
    JsonObject fields = reg.json().getJsonObject("error").getJsonObject("fields");
    assertThat(fields.fieldNames()).contains("email", "password", "firstName");
    // Nothing was stored: the same username registers fine afterwards.
    assertThat(api.post("/auth/register", null, users.registrationBody(name)).status()).isEqualTo(201);
  }

  @Test
  void mismatchedPasswordConfirmationIsRefused() {
    Response reg = api.post("/auth/register", null, users.registrationBody(Users.unique("erin")).put("passwordConfirm", "something else"));
    assertThat(reg.status()).isEqualTo(400);
    assertThat(reg.json().getJsonObject("error").getJsonObject("fields").getString("passwordConfirm")).isNotBlank();
  }

  @Test
  void takenUsernameIsAConflict() {
    TestUser taken = users.create("frank");
    Response sameName = api.post("/auth/register", null, users.registrationBody(Users.unique("frank3")).put("username", taken.username().toUpperCase()));
    assertThat(sameName.status()).isEqualTo(409);
    assertThat(sameName.errorCode()).isEqualTo("auth.username_taken");
  }

  @Test
  void unverifiedAccountCannotSignIn() {
    String name = Users.unique("gina");
    api.post("/auth/register", null, users.registrationBody(name));
    Response login = login(name + "@example.test", Users.PASSWORD);
    assertThat(login.status()).isEqualTo(403);
    assertThat(login.errorCode()).isEqualTo("auth.email_not_verified");
  }

  @Test
  void wrongPasswordAndUnknownAccountLookAlike() {
    TestUser hank = users.create("hank");
    Response wrong = login(hank.email(), "not the password");
    Response unknown = login("nobody-" + Users.unique("x") + "@example.test", "whatever123");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.errorCode()).isEqualTo("auth.invalid_credentials").isEqualTo(unknown.errorCode());
  }

  @Test
  void wrongCodeIsRefusedAndFiveWrongTriesLockIt() {
    String name = Users.unique("ivy");
    String email = name + "@example.test";
    api.post("/auth/register", null, users.registrationBody(name));
    String otp = users.awaitOtp(email);
    String wrong = otp.equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 5; i++) {
      Response r = api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", wrong));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("auth.otp_invalid");
    }
    Response locked = api.post("/auth/verify", null, new JsonObject().put("email", email).put("otp", otp));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(login(email, Users.PASSWORD).errorCode()).isEqualTo("auth.email_not_verified");
  }

  @Test
  void sendOtpAnswersAlikeForUnknownAddressesAndIsThrottled() {
    Response unknown = api.post("/auth/send-otp", null, new JsonObject().put("email", Users.unique("ghost") + "@example.test"));
    assertThat(unknown.status()).isEqualTo(202);
    String name = Users.unique("jack");
    String email = name + "@example.test";
    api.post("/auth/register", null, users.registrationBody(name));
    users.awaitMailBody(email, 1);
    Response again = api.post("/auth/send-otp", null, new JsonObject().put("email", email));
    assertThat(again.status()).isEqualTo(202);
    // Within the resend window no second code is mailed.
    stack.vertx.timer(500).await();
    assertThat(users.mailCount(email)).isEqualTo(1);
  }

  @Test
  void refreshRotatesAndTheOldTokenStopsWorking() {
    TestUser kim = users.create("kim");
    Response first = api.post("/auth/refresh", null, new JsonObject().put("refreshToken", kim.refreshToken()));
    assertThat(first.status()).isEqualTo(200);
    String next = first.json().getString("refreshToken");
    assertThat(next).isNotEqualTo(kim.refreshToken());
    assertThat(api.get("/users/me", first.json().getString("accessToken")).status()).isEqualTo(200);
    Response reuse = api.post("/auth/refresh", null, new JsonObject().put("refreshToken", kim.refreshToken()));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.errorCode()).isEqualTo("auth.refresh_invalid");
    // Reuse means the token leaked: that whole login is revoked, the newest token included.
    assertThat(api.post("/auth/refresh", null, new JsonObject().put("refreshToken", next)).status()).isEqualTo(401);
  }

  @Test
  void logoutEndsThatLoginOnly() {
    TestUser lee = users.create("lee");
    Response other = login(lee.email(), Users.PASSWORD);
    Response out = api.post("/auth/logout", lee.accessToken(), new JsonObject().put("refreshToken", lee.refreshToken()));
    assertThat(out.status()).isEqualTo(204);
    assertThat(api.post("/auth/refresh", null, new JsonObject().put("refreshToken", lee.refreshToken())).status()).isEqualTo(401);
    assertThat(api.post("/auth/refresh", null, new JsonObject().put("refreshToken", other.json().getString("refreshToken"))).status()).isEqualTo(200);
  }

  @Test
  void logoutNeedsAnAccessTokenAndCannotEndSomeoneElsesLogin() {
    TestUser mia = users.create("mia");
    TestUser ned = users.create("ned");
    assertThat(api.post("/auth/logout", null, new JsonObject().put("refreshToken", mia.refreshToken())).status()).isEqualTo(401);
    assertThat(api.post("/auth/logout", ned.accessToken(), new JsonObject().put("refreshToken", mia.refreshToken())).status()).isEqualTo(204);
    assertThat(api.post("/auth/refresh", null, new JsonObject().put("refreshToken", mia.refreshToken())).status()).isEqualTo(200);
  }

  @Test
  void passwordResetByMailedLinkRevokesEveryEarlierToken() {
    TestUser olga = users.create("olga");
    Response forgot = api.post("/auth/forgot-password", null, new JsonObject().put("email", olga.email()));
    assertThat(forgot.status()).isEqualTo(202);
    String mail = users.awaitMailBody(olga.email(), 2);
    String token = mail.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
    assertThat(token).isNotBlank().doesNotContain("\n");
    String newPassword = "a brand new secret";
    Response reset = api.post("/auth/reset-password", null,
      new JsonObject().put("token", token).put("password", newPassword).put("passwordConfirm", newPassword));
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);

    assertThat(api.get("/users/me", olga.accessToken()).status()).isEqualTo(401);
    assertThat(api.post("/auth/refresh", null, new JsonObject().put("refreshToken", olga.refreshToken())).status()).isEqualTo(401);
    assertThat(login(olga.email(), Users.PASSWORD).status()).isEqualTo(401);
    Response fresh = login(olga.email(), newPassword);
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(api.get("/users/me", fresh.json().getString("accessToken")).status()).isEqualTo(200);
    // The link works once.
    Response again = api.post("/auth/reset-password", null,
      new JsonObject().put("token", token).put("password", "yet another one").put("passwordConfirm", "yet another one"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo("auth.reset_token_invalid");
  }

  @Test
  void forgotPasswordAnswersAlikeForUnknownAddresses() {
    String email = Users.unique("nobody") + "@example.test";
    assertThat(api.post("/auth/forgot-password", null, new JsonObject().put("email", email)).status()).isEqualTo(202);
    stack.vertx.timer(300).await();
    assertThat(users.mailCount(email)).isZero();
  }

  @Test
  void resetWithAnUnknownTokenChangesNothing() {
    Response reset = api.post("/auth/reset-password", null,
      new JsonObject().put("token", "made-up-token-value").put("password", "whatever123").put("passwordConfirm", "whatever123"));
    assertThat(reset.status()).isEqualTo(400);
    assertThat(reset.errorCode()).isEqualTo("auth.reset_token_invalid");
  }
}
