package io.rtchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The raw baseline: users are just ids, a chat is a list of ids posted once to {@code /bench/chats}. */
final class BaselineTarget implements Target {

  private final WebClient http;

  BaselineTarget(Vertx vertx, int port) {
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @Override
  public String name() {
    return "baseline";
  }

  @Override
  public String storage() {
    return "none (in memory, no persistence)";
  }

  @Override
  public Future<List<User>> users(int count) {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(new User(String.format("%08x%016x", i, ThreadLocalRandom.current().nextLong()), "baseline"));
    }
    return Future.succeededFuture(users);
  }

  @Override
  public Future<String> directChat(User a, User b) {
    return chat(List.of(a, b));
  }

  @Override
  public Future<String> groupChat(String name, List<User> members) {
    return chat(members);
  }

  private Future<String> chat(List<User> members) {
    JsonArray ids = new JsonArray();
    members.forEach(u -> ids.add(u.id()));
    return http.post("/bench/chats").sendJsonObject(new JsonObject().put("participants", ids))
      .map(r -> r.bodyAsJsonObject().getString("chatId"));
  }
}
