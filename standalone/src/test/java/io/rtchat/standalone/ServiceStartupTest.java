package io.rtchat.standalone;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service main started as in its Deployment, but misconfigured, exits at once and names what is wrong: no private
 * embedded MongoDB, no shared placeholder signing key.
 */
class ServiceStartupTest {

  record Exit(int status, String output) {
  }

  private static Exit run(String mainClass, Map<String, String> env) throws IOException, InterruptedException {
    Path log = Files.createTempFile("rtchat-start", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      // the production logging configuration, not the tests' logback-test.xml
      "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), mainClass)
      .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    assertThat(exited).as("exited at once: " + output).isTrue();
    return new Exit(process.exitValue(), output);
  }

  @Test
  void chatServiceWithoutMongoUriExitsNamingIt() throws Exception {
    Exit exit = run("io.rtchat.chat.ChatMain", Map.of());
    assertThat(exit.status()).isEqualTo(2);
    assertThat(exit.output()).contains("chat-service cannot start").contains("MONGO_URI");
    assertThat(exit.output()).doesNotContain("embedded MongoDB started");
  }

  @Test
  void mediaServiceWithoutS3SettingsExitsNamingThem() throws Exception {
    Exit exit = run("io.rtchat.media.MediaMain", Map.of("MONGO_URI", "mongodb://127.0.0.1:1"));
    assertThat(exit.status()).isEqualTo(2);
    assertThat(exit.output()).contains("S3_ENDPOINT").contains("S3_ACCESS_KEY").contains("S3_SECRET_KEY")
      .doesNotContain("missing MONGO_URI");
  }

  @Test
  void authServiceRefusesThePlaceholderJwtSecret() throws Exception {
    Exit exit = run("io.rtchat.auth.AuthMain", Map.of("MONGO_URI", "mongodb://127.0.0.1:1",
      "JWT_SECRET", "change-me-to-at-least-32-random-bytes-base64"));
    assertThat(exit.status()).isEqualTo(2);
    assertThat(exit.output()).contains("JWT_SECRET looks like a placeholder");
  }

  @Test
  void gatewayRefusesAShortJwtSecret() throws Exception {
    Exit exit = run("io.rtchat.gateway.GatewayMain", Map.of("JWT_SECRET", "too-short"));
    assertThat(exit.status()).isEqualTo(2);
    assertThat(exit.output()).contains("JWT_SECRET must be at least 32 bytes");
  }

  @Test
  void standaloneRefusesAWeakJwtSecretToo() throws Exception {
    Exit exit = run("io.rtchat.standalone.StandaloneMain", Map.of("JWT_SECRET", "x".repeat(40)));
    assertThat(exit.status()).isEqualTo(2);
    assertThat(exit.output()).contains("JWT_SECRET is too regular");
  }

  @Test
  void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
    Exit exit = run("io.rtchat.chat.ChatMain", Map.of("LOG_FORMAT", "json"));
    assertThat(exit.status()).isEqualTo(2);
    String line = exit.output().lines().filter(l -> l.contains("refusing to start")).findFirst().orElseThrow();
    io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(line);
    assertThat(json.getString("level")).isEqualTo("ERROR");
    assertThat(json.getString("loggerName")).isEqualTo("io.rtchat.runtime.ServiceRunner");
    assertThat(json.getString("formattedMessage")).contains("service=chat-service").contains("MONGO_URI");
  }
}
