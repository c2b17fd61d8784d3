package io.rtchat.standalone.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Real HTTP calls to the gateway, answered synchronously so a test reads like what a client does. */
public final class ApiClient {

  private final WebClient client;

  ApiClient(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions()
      .setDefaultHost("127.0.0.1").setDefaultPort(port).setFollowRedirects(false));
  }

  /** An answer: its status, and its body as JSON when it has one. */
  public record Response(int status, Buffer raw, java.util.Map<String, String> headers) {

    public JsonObject json() {
      return raw == null || raw.length() == 0 ? null : raw.toJsonObject();
    }

    public JsonArray items() {
      return json().getJsonArray("items");
    }

    public String errorCode() {
      JsonObject body = json();
      return body == null || body.getJsonObject("error") == null ? null : body.getJsonObject("error").getString("code");
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    @Override
    public String toString() {
      return status + " " + (raw == null ? "" : raw.toString());
    }
  }

  public Response get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public Response post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, path, token, body);
  }

  public Response patch(String path, String token, JsonObject body) {
    return send(HttpMethod.PATCH, path, token, body);
  }

  public Response delete(String path, String token) {
    return send(HttpMethod.DELETE, path, token, null);
  }

  public Response send(HttpMethod method, String path, String token, JsonObject body) {
    return sendRaw(method, path, token, body == null ? null : body.toBuffer(), "application/json");
  }

  /** For malformed bodies and odd content types. */
  public Response sendRaw(HttpMethod method, String path, String token, Buffer body, String contentType) {
    HttpRequest<Buffer> request = client.request(method, path.startsWith("/api") || path.startsWith("/health")
      || path.startsWith("/ready") || path.startsWith("/metrics") || path.startsWith("/eventbus") ? path : "/api/v1" + path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> response;
    if (body == null) {
      response = request.send().await();
    } else {
      if (contentType != null) {
        request.putHeader("Content-Type", contentType);
      }
      response = request.sendBuffer(body).await();
    }
    java.util.Map<String, String> headers = new java.util.HashMap<>();
    response.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
    return new Response(response.statusCode(), response.body(), headers);
  }
}
