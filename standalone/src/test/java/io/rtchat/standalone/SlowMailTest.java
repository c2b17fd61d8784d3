package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.Users;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account routes whose answer must not depend on whether the address has an account, on a server whose SMTP server
 * answers slowly (every reply {@value #SMTP_REPLY_DELAY_MS} ms late, as a busy mail relay does). A route that waited
 * for the lookup and the mail before answering would tell a known address by its time, by seconds here; the
 * comparison is between answers of the same kind and its margin is wide, so load on the machine cannot fail it.
 */
class SlowMailTest {

  static final long SMTP_REPLY_DELAY_MS = 300;

  static Vertx proxyVertx;
  static NetServer slowSmtp;
  static TestStack stack;
  static ApiClient api;
  static Users users;

  @BeforeAll
  static void start() {
    proxyVertx = Vertx.vertx();
    slowSmtp = slowProxy(proxyVertx);
    stack = TestStack.start(Map.of("SMTP_PORT", String.valueOf(slowSmtp.actualPort())));
    api = stack.api();
    users = stack.users();
  }

  @AfterAll
  static void stop() {
    stack.close();
    proxyVertx.close().await();
  }

  /** A TCP proxy to the test's GreenMail that delivers each of the server's replies late, in order. */
  private static NetServer slowProxy(Vertx vertx) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    server.connectHandler(front -> {
      front.pause();
      client.connect(stack.mail.getSmtp().getPort(), "127.0.0.1").onSuccess(back -> {
        long[] lastRelease = {0};
        front.handler(back::write);
        back.handler(reply -> later(vertx, lastRelease, () -> front.write(reply)));
        front.closeHandler(v -> back.close());
        back.closeHandler(v -> later(vertx, lastRelease, front::close));
        front.resume();
      }).onFailure(err -> front.close());
    });
    return server.listen(0, "127.0.0.1").await();
  }

  private static void later(Vertx vertx, long[] lastRelease, Runnable action) {
    long now = System.currentTimeMillis();
    long release = Math.max(lastRelease[0] + 1, now + SMTP_REPLY_DELAY_MS);
    lastRelease[0] = release;
    vertx.setTimer(release - now, t -> action.run());
  }

  private static long millisToAnswer(String path, String email) {
    long start = System.nanoTime();
    assertThat(api.post(path, null, new JsonObject().put("email", email)).status()).isEqualTo(202);
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void forgotPasswordAnswersAKnownAddressAsFastAsAnUnknownOneWhenMailIsSlow() {
    List<String> known = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      known.add(users.create("slow").email());
    }
    long knownMillis = 0;
    long unknownMillis = 0;
    for (String email : known) {
      knownMillis += millisToAnswer("/auth/forgot-password", email);
      unknownMillis += millisToAnswer("/auth/forgot-password", Users.unique("nobody") + "@example.test");
    }
    // Waiting for the mail would cost each known address at least one delayed SMTP reply per command (over 1 s).
    assertThat(knownMillis).as("3 known addresses, ms (3 unknown: %d ms)", unknownMillis).isLessThan(unknownMillis + 1_000);
    for (String email : known) {
      assertThat(users.awaitMailBody(email, 2)).as("the reset mail still arrives").contains("token=");
    }
  }
}
