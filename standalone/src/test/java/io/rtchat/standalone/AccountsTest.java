package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, e-mail verification and login through the real gateway, with the code read from real SMTP. */
class AccountsTest {

  static TestStack stack;
  static ApiClient api;
  static Users users;

  @BeforeAll
  static void start() {
    stack = TestStack.start();
    api = stack.api();
    users = stack.users();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void registeredUserVerifiesWithMailedCodeAndSignsIn() {
    TestUser alice = users.create("alice");
    Response login = api.post("/auth/login", null, new JsonObject().put("email", alice.email()).put("password", Users.PASSWORD));
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(login.json().getString("accessToken")).isNotBlank();
    Response me = api.get("/users/me", login.json().getString("accessToken"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getString("email")).isEqualTo(alice.email());
    assertThat(me.json().getBoolean("emailVerified")).isTrue();
  }
}
