package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** My profile, others' public profiles and user search. */
class ProfilesTest extends StackPerClass {

  @Test
  void userChangesOwnProfile() {
    TestUser pat = users.create("pat");
    Response patched = api.patch("/users/me", pat.accessToken(),
      new JsonObject().put("firstName", "Patricia").put("about", "Hello there"));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().getString("firstName")).isEqualTo("Patricia");
    assertThat(api.get("/users/me", pat.accessToken()).json().getString("about")).isEqualTo("Hello there");
  }

  @Test
  void namesThatShowAsNothingOrReorderTextAreRefusedAndChangeNothing() {
    TestUser rae = users.create("rae");
    for (String field : new String[] {"firstName", "lastName", "username"}) {
      for (String value : new String[] {"\u3164\u3164\u3164", "rae\u202Eevil", "r\u200Bae", "rae\u1160"}) {
        Response refused = api.patch("/users/me", rae.accessToken(), new JsonObject().put(field, value));
        assertThat(refused.status()).as("%s=%s", field, value).isEqualTo(400);
        assertThat(refused.json().getJsonObject("error").getJsonObject("fields").fieldNames()).containsExactly(field);
      }
    }
    JsonObject me = api.get("/users/me", rae.accessToken()).json();
    assertThat(me.getString("firstName")).isEqualTo("Test");
  }

  @Test
  void profileChangesWithUnknownOrWrongFieldsAreRefusedAndChangeNothing() {
    TestUser quinn = users.create("quinn");
    Response unknown = api.patch("/users/me", quinn.accessToken(), new JsonObject().put("email", "x@y.test").put("firstName", "Q"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().getJsonObject("error").getJsonObject("fields").fieldNames()).contains("email");
    Response wrongType = api.patch("/users/me", quinn.accessToken(), new JsonObject().put("firstName", 7));
    assertThat(wrongType.status()).isEqualTo(400);
    Response tooLong = api.patch("/users/me", quinn.accessToken(), new JsonObject().put("about", "x".repeat(501)));
    assertThat(tooLong.status()).isEqualTo(400);
    JsonObject me = api.get("/users/me", quinn.accessToken()).json();
    assertThat(me.getString("firstName")).isEqualTo("Test");
    assertThat(me.getString("email")).isEqualTo(quinn.email());
  }

  @Test
  void usernameOfSomeoneElseCannotBeTaken() {
    TestUser rob = users.create("rob");
    TestUser sam = users.create("sam");
    Response taken = api.patch("/users/me", sam.accessToken(), new JsonObject().put("username", rob.username()));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.errorCode()).isEqualTo("auth.username_taken");
    assertThat(api.get("/users/me", sam.accessToken()).json().getString("username")).isEqualTo(sam.username());
  }

  @Test
  void publicProfileNeverShowsEmailOrSecrets() {
    TestUser tina = users.create("tina");
    TestUser uma = users.create("uma");
    Response profile = api.get("/users/" + tina.id(), uma.accessToken());
    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.json().getString("username")).isEqualTo(tina.username());
    assertThat(profile.json().fieldNames()).doesNotContain("email", "password", "otp", "otpExpiryTime",
      "passwordResetToken", "passwordResetExpires", "tokenVersion", "friends");
    assertThat(profile.raw().toString()).doesNotContain(tina.email()).doesNotContain("argon2");
  }

  @Test
  void profileOfBadOrUnknownIdIsAClientError() {
    TestUser vic = users.create("vic");
    Response bad = api.get("/users/not-an-id", vic.accessToken());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("request.invalid_id");
    Response unknown = api.get("/users/0123456789abcdef01234567", vic.accessToken());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("user.not_found");
  }

  @Test
  void searchFindsVerifiedUsersByUsernameOrName() {
    TestUser walt = users.create("walt");
    TestUser xena = users.create("xena");
    String unverified = Users.unique("walt");
    api.post("/auth/register", null, users.registrationBody(unverified));
    Response found = api.get("/users/search?q=" + walt.username().substring(0, 8), xena.accessToken());
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.items().stream().map(o -> ((JsonObject) o).getString("username"))).contains(walt.username())
      .doesNotContain(unverified);
    assertThat(found.json().getBoolean("hasMore")).isFalse();
    // Regex characters are taken literally.
    assertThat(api.get("/users/search?q=.*", xena.accessToken()).items()).isEmpty();
    assertThat(api.get("/users/search?q=", xena.accessToken()).status()).isEqualTo(400);
    assertThat(api.get("/users/search?q=walt&limit=abc", xena.accessToken()).status()).isEqualTo(400);
  }

  @Test
  void everyUserRouteNeedsAValidAccessToken() {
    TestUser yan = users.create("yan");
    assertThat(api.get("/users/me", null).status()).isEqualTo(401);
    assertThat(api.get("/users/me", "garbage").status()).isEqualTo(401);
    assertThat(api.get("/users/" + yan.id(), null).errorCode()).isEqualTo("auth.unauthorized");
    // A token with its signature cut off, or with alg=none, is refused.
    String[] parts = yan.accessToken().split("\\.");
    assertThat(api.get("/users/me", parts[0] + "." + parts[1] + ".").status()).isEqualTo(401);
    String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
      .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    assertThat(api.get("/users/me", noneHeader + "." + parts[1] + ".").status()).isEqualTo(401);
  }
}
