package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.TestStack;
import io.rtchat.standalone.support.TurnClient;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credentials of {@code GET /calls/ice-servers} against a real coturn ({@code turnserver}) started here with
 * {@code use-auth-secret}: a TURN allocation with them succeeds, one with a wrong password is refused. Without
 * {@code turnserver} installed the test is skipped, except under {@code CI=true} where it must run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IceServersTest {

  private static final String SECRET = "turn-shared-secret-" + System.nanoTime();
  private static final String REALM = "rtchat.test";

  private Process turnserver;
  private Path workDir;
  private int turnPort;
  private TestStack stack;

  @BeforeAll
  void startTurnServerAndStack() throws Exception {
    String binary = findTurnserver();
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (binary == null) {
      if (ci) {
        throw new AssertionError("turnserver (Debian package coturn) must be installed under CI=true; .ci/run installs it");
      }
      Assumptions.abort("turnserver is not installed (apt-get install coturn): skipping the TURN credential test");
    }
    turnPort = freeUdpPort();
    workDir = Files.createTempDirectory("rtchat-coturn");
    List<String> command = List.of(binary, "-n",
      "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + turnPort,
      "--use-auth-secret", "--static-auth-secret=" + SECRET, "--realm=" + REALM,
      "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay",
      "--min-port=50000", "--max-port=50999",
      "--pidfile=" + workDir.resolve("turnserver.pid"), "--userdb=" + workDir.resolve("turndb"),
      "--log-file=stdout", "--simple-log");
    turnserver = new ProcessBuilder(command).redirectErrorStream(true)
      .redirectOutput(workDir.resolve("turnserver.log").toFile()).start();
    stack = TestStack.start(Map.of(
      "TURN_URLS", "turn:127.0.0.1:" + turnPort + "?transport=udp",
      "STUN_URLS", "stun:127.0.0.1:" + turnPort,
      "TURN_SECRET", SECRET,
      "TURN_TTL", "600"));
    awaitTurnServer();
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (turnserver != null) {
      turnserver.destroy();
      if (!turnserver.waitFor(5, TimeUnit.SECONDS)) {
        turnserver.destroyForcibly();
      }
    }
  }

  @Test
  void credentialsFromIceServersAreAcceptedByTheTurnServerAndAWrongOneIsNot() throws Exception {
    TestUser ann = stack.users().create("ann");
    Response answer = stack.api().get("/calls/ice-servers", ann.accessToken());
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(answer.raw().toString()).doesNotContain(SECRET);
    JsonArray servers = answer.json().getJsonArray("iceServers");
    assertThat(answer.json().getLong("ttl")).isEqualTo(600L);
    JsonObject stun = servers.getJsonObject(0);
    assertThat(stun.getJsonArray("urls")).containsExactly("stun:127.0.0.1:" + turnPort);
    assertThat(stun.containsKey("credential")).isFalse();
    JsonObject turn = servers.getJsonObject(1);
    assertThat(turn.getJsonArray("urls")).containsExactly("turn:127.0.0.1:" + turnPort + "?transport=udp");
    String username = turn.getString("username");
    long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
    assertThat(username).endsWith(":" + ann.id());
    assertThat(expiry).isBetween(Instant.now().getEpochSecond() + 590, Instant.now().getEpochSecond() + 610);

    TurnClient client = new TurnClient("127.0.0.1", turnPort);
    TurnClient.Response allocated = client.allocate(username, turn.getString("credential"));
    assertThat(allocated.type()).as("allocation with the issued credential: %s", allocated).isEqualTo(TurnClient.ALLOCATE_SUCCESS);

    TurnClient.Response refused = client.allocate(username, "d3Jvbmc=");
    assertThat(refused.type()).isEqualTo(TurnClient.ALLOCATE_ERROR);
    assertThat(refused.errorCode()).isEqualTo(401);

    // The same credential for someone else's name is refused: the user id is part of what is signed.
    TurnClient.Response otherName = client.allocate(expiry + ":" + "0".repeat(24), turn.getString("credential"));
    assertThat(otherName.type()).isEqualTo(TurnClient.ALLOCATE_ERROR);
  }

  @Test
  void iceServersNeedASignedInUser() {
    assertThat(stack.api().get("/calls/ice-servers", null).status()).isEqualTo(401);
  }

  /** The allocation needs the server listening: probe with a credential-less Allocate until it answers 401. */
  private void awaitTurnServer() throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    TurnClient client = new TurnClient("127.0.0.1", turnPort);
    while (System.currentTimeMillis() < deadline) {
      if (!turnserver.isAlive()) {
        throw new AssertionError("turnserver exited: " + Files.readString(workDir.resolve("turnserver.log")));
      }
      try {
        if (client.allocateWithoutCredentials().errorCode() == 401) {
          return;
        }
      } catch (java.net.SocketTimeoutException notYet) {
        // not listening yet
      }
    }
    throw new AssertionError("turnserver did not answer: " + Files.readString(workDir.resolve("turnserver.log")));
  }

  private static String findTurnserver() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "turnserver");
      if (candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    File debian = new File("/usr/bin/turnserver");
    return debian.canExecute() ? debian.getAbsolutePath() : null;
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
