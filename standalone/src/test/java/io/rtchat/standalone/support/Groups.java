package io.rtchat.standalone.support;

import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Makes groups the way people do, through the real routes: create with invitees, each invitee accepts. */
public final class Groups {

  private final ApiClient api;

  Groups(ApiClient api) {
    this.api = api;
  }

  /** A group and its chat. */
  public record TestGroup(String id, String chatId) {
  }

  /** A group owned (admin) by {@code owner} whose other members joined in the order given. */
  public TestGroup withMembers(TestUser owner, TestUser... members) {
    JsonArray ids = new JsonArray(Arrays.stream(members).map(TestUser::id).toList());
    ApiClient.Response created = api.post("/groups", owner.accessToken(),
      new JsonObject().put("name", Users.unique("group")).put("memberIds", ids));
    assertThat(created.status()).as("create group %s", created).isEqualTo(201);
    TestGroup group = new TestGroup(created.json().getJsonObject("group").getString("id"), created.json().getString("chatId"));
    for (TestUser member : members) {
      ApiClient.Response joined = api.post("/groups/" + group.id() + "/accept", member.accessToken(), null);
      assertThat(joined.status()).as("join %s", joined).isEqualTo(200);
    }
    return group;
  }
}
