package io.rtchat.standalone.web;

import io.rtchat.standalone.support.StackPerClass;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway serves the web client at / under a strict policy, without shadowing the API, the bridge or the probes. */
class WebClientServingTest extends StackPerClass {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port + path)).GET().build(),
      HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageIsServedAtTheRootWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/js/main.js\">").doesNotContain("<script>");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'")
      .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void theResetLinkPathServesThePage() throws Exception {
    HttpResponse<String> page = get("/reset-password?token=abc");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/assets/js/main.js");
  }

  @Test
  void assetsAndTheVendoredSockJsComeFromTheClasspath() throws Exception {
    HttpResponse<String> module = get("/assets/js/bridge.js");
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
    assertThat(module.headers().firstValue("Content-Security-Policy")).isPresent();
    HttpResponse<String> sockjs = get("/assets/vendor/sockjs.min.js");
    assertThat(sockjs.statusCode()).isEqualTo(200);
    assertThat(sockjs.body()).contains("SockJS");
  }

  @Test
  void unknownPathsStillAnswerTheJsonNotFound() throws Exception {
    for (String path : new String[] {"/api/nope", "/nope", "/assets/nope.js", "/assets/../pom.xml", "/assets/"}) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.body()).as(path).contains("\"code\":\"request.not_found\"");
    }
    assertThat(api.get("/nope", users.create("signedin").accessToken()).errorCode()).isEqualTo("request.not_found");
  }

  @Test
  void probesAndTheApiAreNotShadowed() throws Exception {
    assertThat(get("/health").body()).contains("UP");
    assertThat(get("/metrics").statusCode()).as("metrics live on the management port only").isEqualTo(404);
    assertThat(get("/api/v1/openapi.json").body()).contains("openapi");
    assertThat(get("/api/v1/users/me").statusCode()).isEqualTo(401);
    assertThat(get("/eventbus/info").body()).contains("websocket");
  }
}
