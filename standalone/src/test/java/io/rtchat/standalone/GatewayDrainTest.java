package io.rtchat.standalone;

import io.rtchat.api.AuthService;
import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.rtchat.common.VertxFactory;
import io.rtchat.gateway.GatewayVerticle;
import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.TestStack;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator relies on when a pod goes away or a service freezes. */
class GatewayDrainTest {

  private static final String KEY = "q8ZtV3xN1rLw0pYc7KfHj2sGdEa9UbMo4TiRnXyQeWkA5u";

  @Test
  void aDrainingGatewayTellsBridgeSocketsToReconnectElsewhereAndTurnsUnready() throws Exception {
    TestStack stack = TestStack.start();
    Vertx clientVertx = Vertx.vertx();
    try {
      assertThat(stack.management().get("/ready", null).status()).isEqualTo(200);
      WebSocket socket = clientVertx.createWebSocketClient()
        .connect(stack.port, "127.0.0.1", "/eventbus/websocket").await();
      CompletableFuture<Short> closeCode = new CompletableFuture<>();
      socket.closeHandler(v -> closeCode.complete(socket.closeStatusCode()));
      stack.close(); // Vert.x close: the gateway verticle's stop drains
      assertThat(closeCode.get(30, TimeUnit.SECONDS)).isEqualTo(GatewayVerticle.RECONNECT_ELSEWHERE);
    } finally {
      clientVertx.close().await();
    }
  }

  @Test
  void aFrozenServiceAnswers503WithinTheCallTimeout() throws Exception {
    int port = TestStack.freePort();
    Config config = Config.fromMap(Map.of(Setting.JWT_SECRET.name(), KEY, Setting.HTTP_PORT.name(), String.valueOf(port),
      Setting.HTTP_HOST.name(), "127.0.0.1", Setting.SERVICE_CALL_TIMEOUT_MILLIS.name(), "1000",
      Setting.PUBLIC_URL.name(), "http://localhost:" + port, Setting.SHUTDOWN_GRACE_SECONDS.name(), "2"));
    Vertx vertx = VertxFactory.local();
    try {
      // an auth service that takes every call and never answers (a SIGSTOPped process looks like this)
      vertx.eventBus().consumer(AuthService.ADDRESS, message -> { });
      vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config.toJson())).await();
      long started = System.nanoTime();
      ApiClient.Response login = new TestStack.Client(vertx, port).api().post("/auth/login", null,
        new JsonObject().put("email", "frozen@example.test").put("password", "whatever-password"));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(login.status()).isEqualTo(503);
      assertThat(login.errorCode()).isEqualTo("service.unavailable");
      assertThat(millis).isLessThan(10_000); // the event bus's own default would be 30 s
    } finally {
      vertx.close().await();
    }
  }
}
