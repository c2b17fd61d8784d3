package io.rtchat.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** X-Forwarded-For through a real HTTP server: believed from a trusted proxy only, spoofed hops skipped. */
class TrustedProxiesTest {

  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static String clientSeenBy(TrustedProxies proxies, String forwardedFor) {
    var server = vertx.createHttpServer().requestHandler(r -> r.response().end(proxies.clientAddress(r)))
      .listen(0, "127.0.0.1").await();
    HttpClient client = vertx.createHttpClient();
    try {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(server.actualPort()).setURI("/");
      if (forwardedFor != null) {
        options.addHeader("X-Forwarded-For", forwardedFor);
      }
      // body() is asked for in the same callback that delivers the response: chained one level out, it could run
      // on this test thread after the response had already ended, and the body was lost (about 1 call in 50)
      return client.request(options).compose(req -> req.send().compose(res -> res.body())).await().toString();
    } finally {
      client.close().await();
      server.close().await();
    }
  }

  @Test
  void headerFromAnUntrustedPeerIsIgnored() {
    assertThat(clientSeenBy(TrustedProxies.of(List.of("10.0.0.0/8")), "203.0.113.9")).isEqualTo("127.0.0.1");
    assertThat(clientSeenBy(TrustedProxies.of(List.of()), "203.0.113.9")).isEqualTo("127.0.0.1");
  }

  @Test
  void headerFromATrustedProxyNamesTheClient() {
    assertThat(clientSeenBy(TrustedProxies.of(List.of("127.0.0.0/8")), "203.0.113.9")).isEqualTo("203.0.113.9");
  }

  @Test
  void aClientCannotSpoofByPrependingHops() {
    // the client sent "1.2.3.4"; the ingress (10.1.2.3, trusted) appended the real client 198.51.100.7
    TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1/32", "10.0.0.0/8"));
    assertThat(clientSeenBy(proxies, "1.2.3.4, 198.51.100.7, 10.1.2.3")).isEqualTo("198.51.100.7");
  }

  @Test
  void garbageInTheHeaderFallsBackToThePeer() {
    assertThat(clientSeenBy(TrustedProxies.of(List.of("127.0.0.1")), "not-an-ip")).isEqualTo("127.0.0.1");
  }

  @Test
  void cidrsAreParsedStrictly() {
    assertThat(TrustedProxies.of(List.of("fd00::/8")).trusted("fd12::1")).isTrue();
    assertThat(TrustedProxies.of(List.of("10.0.0.0/8")).trusted("11.0.0.1")).isFalse();
    assertThatThrownBy(() -> TrustedProxies.of(List.of("ingress.local"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
  }
}
