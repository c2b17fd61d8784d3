package io.rtchat.gateway;

import io.rtchat.api.AuthService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Config;
import io.rtchat.common.Jwt;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's token checks where the race matters: auth-service is replaced by an answer the test controls, so a
 * version reply can be held in flight while a revocation arrives. Everything else (JWT signing and checks, the event
 * bus) is real.
 */
class AccessTokensTest {

  private static final String USER = "0123456789abcdef01234567";

  private Vertx vertx;
  private Config config;
  private JWTAuth jwt;
  private final Deque<Promise<Integer>> versionReplies = new ArrayDeque<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    config = Config.fromMap(Map.of(Setting.JWT_SECRET.name(), "a test secret that is long enough for HS256 signing"));
    jwt = Jwt.auth(vertx, config);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** An auth-service whose tokenVersion answers are completed by the test. */
  private AuthService heldAuth() {
    return (AuthService) Proxy.newProxyInstance(AuthService.class.getClassLoader(), new Class<?>[] {AuthService.class},
      (proxy, method, args) -> {
        if (method.getName().equals("tokenVersion")) {
          Promise<Integer> reply = Promise.promise();
          synchronized (versionReplies) {
            versionReplies.add(reply);
          }
          return reply.future();
        }
        if (method.getName().equals("endedSessions")) {
          return Future.succeededFuture(java.util.List.of());
        }
        throw new UnsupportedOperationException(method.getName());
      });
  }


  @Test
  void aVersionReplyInFlightCannotUndoARevocation() throws Exception {
    AccessTokens tokens = new AccessTokens(vertx, jwt, heldAuth(), 900_000, id -> { }, (id, sid) -> { });
    String oldToken = Jwt.issue(jwt, config, USER, 0, "s1");
    Future<String> first = tokens.verify(oldToken); // asks auth-service: the reply is held
    awaitPending(first);
    // the password is reset meanwhile: version 1 is announced before the stale reply arrives
    vertx.eventBus().publish(Addresses.AUTH_TOKENS_REVOKED, new JsonObject().put("userId", USER).put("tokenVersion", 1));
    Thread.sleep(200);
    versionReplies.poll().complete(0);
    first.toCompletionStage().toCompletableFuture().handle((r, e) -> r).get(5, TimeUnit.SECONDS);

    Future<String> again = tokens.verify(oldToken);
    Throwable failure = again.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(5, TimeUnit.SECONDS);
    assertThat(failure).as("the old token after the revocation").isNotNull();
    String fresh = tokens.verify(Jwt.issue(jwt, config, USER, 1, "s2")).toCompletionStage().toCompletableFuture()
      .get(5, TimeUnit.SECONDS);
    assertThat(fresh).isEqualTo(USER);
  }

  @Test
  void aTokenWithoutExpiryIsRefused() throws Exception {
    AccessTokens tokens = new AccessTokens(vertx, jwt, heldAuth(), 900_000, id -> { }, (id, sid) -> { });
    String forever = jwt.generateToken(new JsonObject().put(Jwt.CLAIM_VERSION, 0), new JWTOptions()
      .setAlgorithm(Jwt.ALGORITHM).setSubject(USER)
      .setIssuer(config.get(Setting.JWT_ISSUER)).addAudience(config.get(Setting.JWT_AUDIENCE)));
    Future<String> checked = tokens.verify(forever);
    Thread.sleep(200);
    Promise<Integer> pending = versionReplies.poll();
    if (pending != null) {
      pending.complete(0); // only reached before the fix: the token got as far as the version check
    }
    Throwable failure = checked.toCompletionStage().toCompletableFuture().handle((r, e) -> e).get(5, TimeUnit.SECONDS);
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("not valid");
  }

  private void awaitPending(Future<?> call) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      synchronized (versionReplies) {
        if (!versionReplies.isEmpty()) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no tokenVersion call; the check ended with " + call.cause());
  }
}
