package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.StackPerClass;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests get a 4xx with a code, never a 500 or a stack trace; health and readiness answer. */
class RequestValidationTest extends StackPerClass {

  @Test
  void malformedJsonIsA400() {
    Response r = api.sendRaw(HttpMethod.POST, "/auth/login", null, Buffer.buffer("{\"email\": "), "application/json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("request.malformed_json");
    assertThat(r.raw().toString()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void aJsonArrayInsteadOfAnObjectIsA400() {
    Response r = api.sendRaw(HttpMethod.POST, "/auth/register", null, Buffer.buffer("[1,2]"), "application/json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("request.malformed_json");
  }

  @Test
  void wrongContentTypeIsA415() {
    Response r = api.sendRaw(HttpMethod.POST, "/auth/login", null, Buffer.buffer("email=a"), "application/x-www-form-urlencoded");
    assertThat(r.status()).isEqualTo(415);
  }

  @Test
  void oversizedBodyIsA413() {
    String huge = "x".repeat(70_000);
    Response r = api.post("/auth/register", null, new JsonObject().put("firstName", huge));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorCode()).isEqualTo("request.too_large");
  }

  @Test
  void wrongTypedFieldsAreA400WithTheFields() {
    Response r = api.post("/auth/login", null, new JsonObject().put("email", 12).put("password", true));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonObject("error").getJsonObject("fields").fieldNames()).contains("email", "password");
  }

  @Test
  void unknownRouteIsAJson404() {
    Response r = api.get("/api/v1/nothing-here", null);
    assertThat(r.status()).isIn(401, 404);
    Response root = api.get("/health/nothing-here", null);
    assertThat(root.status()).isEqualTo(404);
    assertThat(root.errorCode()).isEqualTo("request.not_found");
  }

  @Test
  void requestsFromAForeignOriginAreRefused() {
    Response r = api.sendRaw(HttpMethod.GET, "/health", null, null, null);
    assertThat(r.status()).isEqualTo(200);
    io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(stack.vertx);
    int status = client.get(stack.port, "127.0.0.1", "/api/v1/users/me").putHeader("Origin", "https://evil.example")
      .send().await().statusCode();
    assertThat(status).isEqualTo(403);
  }

  @Test
  void healthAndReadinessAnswer() {
    assertThat(api.get("/health", null).status()).isEqualTo(200);
    assertThat(stack.management().get("/health", null).status()).isEqualTo(200);
    Response ready = stack.management().get("/ready", null);
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(ready.raw().toString()).contains(io.rtchat.api.AuthService.ADDRESS);
  }

  @Test
  void prometheusMetricsAreServed() {
    api.get("/health", null);
    Response metrics = stack.management().get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().toString()).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes")
      .contains("rtchat_bridge_sockets_open")
      .doesNotContain("user.");
  }

  @Test
  void openApiDocumentIsServed() {
    Response doc = api.get("/api/v1/openapi.json", null);
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().getString("openapi")).startsWith("3.");
    assertThat(doc.json().getJsonObject("paths").fieldNames()).contains("/auth/register", "/users/me");
  }
}
