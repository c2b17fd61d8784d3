package io.rtchat.runtime;

import io.rtchat.common.Config;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service main says, before joining the cluster, about event-bus TLS settings it cannot run with. */
class EventBusTlsChecksTest {

  @TempDir
  Path dir;
  private String cert;
  private String key;
  private String ca;

  @BeforeEach
  void files() throws Exception {
    // the checks read only whether the files are there: their content is Vert.x's to judge when the bus starts
    cert = Files.writeString(dir.resolve("tls.crt"), "cert").toString();
    key = Files.writeString(dir.resolve("tls.key"), "key").toString();
    ca = Files.writeString(dir.resolve("ca.crt"), "ca").toString();
  }

  private static List<String> problems(Map<String, String> settings) {
    return StartupChecks.problems(Config.fromMap(settings), List.of());
  }

  @Test
  void aCertificateWithoutTlsOnIsRefusedAndEachMissingSettingIsNamed() {
    // a Deployment given the certificate's path but not EVENT_BUS_TLS would otherwise run its event bus in plain text
    assertThat(problems(Map.of("EVENT_BUS_CERT", cert))).containsExactly(
      "EVENT_BUS_CERT is set but EVENT_BUS_TLS is 'false', not true: the event bus would run in plain text"
        + " (set EVENT_BUS_TLS=true, or unset EVENT_BUS_CERT)",
      "EVENT_BUS_CERT is set but EVENT_BUS_KEY is not (its private key)",
      "EVENT_BUS_CERT is set but EVENT_BUS_CA is not (the CA that signs every member)");
  }

  @Test
  void tlsOnWithACertificateAloneNamesTheKeyAndTheCa() {
    assertThat(problems(Map.of("EVENT_BUS_TLS", "true", "EVENT_BUS_CERT", cert))).containsExactly(
      "EVENT_BUS_CERT is set but EVENT_BUS_KEY is not (its private key)",
      "EVENT_BUS_CERT is set but EVENT_BUS_CA is not (the CA that signs every member)");
  }

  @Test
  void aKeyWithoutItsCertificateIsNamed() {
    assertThat(problems(Map.of("EVENT_BUS_TLS", "true", "EVENT_BUS_KEY", key, "EVENT_BUS_CA", ca)))
      .containsExactly("EVENT_BUS_KEY is set but EVENT_BUS_CERT is not (the certificate of that key)");
  }

  @Test
  void aFileThePodDoesNotHaveIsNamedWithItsPath() {
    // kubectl create secret tls writes tls.crt and tls.key only: the mounted ca.crt is missing
    String absent = dir.resolve("missing").resolve("ca.crt").toString();
    assertThat(problems(Map.of("EVENT_BUS_TLS", "true", "EVENT_BUS_CERT", cert, "EVENT_BUS_KEY", key,
      "EVENT_BUS_CA", absent))).containsExactly(
      "EVENT_BUS_CA=" + absent + " is not a readable file (is the Secret mounted, and does it hold that key?)");
  }

  @Test
  void aDirectoryIsNotACertificate() {
    assertThat(problems(Map.of("EVENT_BUS_TLS", "true", "EVENT_BUS_CERT", dir.toString(), "EVENT_BUS_KEY", key,
      "EVENT_BUS_CA", ca))).singleElement().asString().startsWith("EVENT_BUS_CERT=" + dir + " is not a readable file");
  }

  @Test
  void tlsOnWithNothingElseKeepsTheAlternativesWording() {
    assertThat(problems(Map.of("EVENT_BUS_TLS", "true"))).containsExactly(
      "EVENT_BUS_TLS=true needs either EVENT_BUS_KEYSTORE or EVENT_BUS_CERT with EVENT_BUS_KEY (one of them)",
      "EVENT_BUS_TLS=true needs either EVENT_BUS_TRUSTSTORE or EVENT_BUS_CA (one of them): the CA that signs the members");
  }

  @Test
  void aCompleteConfigurationAndNoTlsAtAllBothStart() {
    assertThat(problems(Map.of("EVENT_BUS_TLS", "true", "EVENT_BUS_CERT", cert, "EVENT_BUS_KEY", key,
      "EVENT_BUS_CA", ca))).isEmpty();
    assertThat(problems(new HashMap<>())).isEmpty();
    assertThat(problems(Map.of("EVENT_BUS_TLS", "false"))).isEmpty();
  }
}
