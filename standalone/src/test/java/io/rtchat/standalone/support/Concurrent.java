package io.rtchat.standalone.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.List;

/** Real HTTP calls fired all at once (none waits for another), for race tests. */
public final class Concurrent {

  private Concurrent() {
  }

  /** One call: method, path under /api/v1, the caller's access token, and an optional JSON body. */
  public record Call(HttpMethod method, String path, String token, JsonObject body) {

    public static Call post(String path, String token) {
      return new Call(HttpMethod.POST, path, token, null);
    }
  }

  /** Sends every call at once and answers their statuses, sorted ascending. */
  public static List<Integer> statuses(TestStack stack, List<Call> calls) {
    WebClient client = WebClient.create(stack.vertx);
    try {
      List<Future<HttpResponse<Buffer>>> sent = calls.stream().map(c -> {
        HttpRequest<Buffer> request = client.request(c.method(), stack.port, "127.0.0.1", "/api/v1" + c.path())
          .putHeader("Authorization", "Bearer " + c.token());
        return c.body() == null ? request.send() : request.sendJsonObject(c.body());
      }).toList();
      Future.join(sent).await();
      return sent.stream().map(f -> f.result().statusCode()).sorted().toList();
    } finally {
      client.close();
    }
  }
}
