package io.rtchat.auth;

import io.rtchat.api.MediaReleased;
import io.rtchat.common.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every gateway must hear a revocation: two consumers of each address both get it. */
class AuthEventsTest {

  private Vertx vertx;
  private final List<JsonObject> revokedA = new CopyOnWriteArrayList<>();
  private final List<JsonObject> revokedB = new CopyOnWriteArrayList<>();
  private final List<JsonObject> endedA = new CopyOnWriteArrayList<>();
  private final List<JsonObject> endedB = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_TOKENS_REVOKED, msg -> revokedA.add(msg.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_TOKENS_REVOKED, msg -> revokedB.add(msg.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SESSION_ENDED, msg -> endedA.add(msg.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SESSION_ENDED, msg -> endedB.add(msg.body()));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void everyGatewayHearsThatAUsersTokensWereRevoked() throws InterruptedException {
    new AuthEvents(vertx.eventBus()).tokensRevoked("u1", 3);
    waitUntil(() -> revokedA.size() == 1 && revokedB.size() == 1);
    assertThat(revokedA.get(0)).isEqualTo(new JsonObject().put("userId", "u1").put("tokenVersion", 3));
    assertThat(revokedB).isEqualTo(revokedA);
    assertThat(endedA).isEmpty();
  }

  @Test
  void everyGatewayHearsThatALoginEnded() throws InterruptedException {
    new AuthEvents(vertx.eventBus()).sessionEnded("u1", "family-1");
    waitUntil(() -> endedA.size() == 1 && endedB.size() == 1);
    assertThat(endedA.get(0)).isEqualTo(new JsonObject().put("userId", "u1").put("sessionId", "family-1"));
    assertThat(revokedA).isEmpty();
  }

  @Test
  void oneMediaServiceHearsThatAnAvatarWasReleased() throws InterruptedException {
    List<MediaReleased> first = new CopyOnWriteArrayList<>();
    List<MediaReleased> second = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.MEDIA_RELEASED, msg -> first.add(new MediaReleased(msg.body())));
    vertx.eventBus().<JsonObject>consumer(Addresses.MEDIA_RELEASED, msg -> second.add(new MediaReleased(msg.body())));
    new AuthEvents(vertx.eventBus()).avatarReleased("m1");
    waitUntil(() -> first.size() + second.size() == 1);
    Thread.sleep(200);
    assertThat(first.size() + second.size()).isEqualTo(1);
    assertThat((first.isEmpty() ? second : first).get(0).getMediaIds()).containsExactly("m1");
    assertThat(revokedA).isEmpty();
    assertThat(endedA).isEmpty();
  }
}
