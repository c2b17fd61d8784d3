package io.rtchat.runtime;

import io.rtchat.common.ClusterBootstrap;
import io.rtchat.common.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Event-bus TLS with client certificates (EVENT_BUS_TLS with EVENT_BUS_CERT, EVENT_BUS_KEY, EVENT_BUS_CA) between
 * real clustered Vert.x instances in this JVM, each joining the Hazelcast cluster through {@link ClusterBootstrap} as a
 * service main does. A member holding a certificate signed by the cluster's CA is answered by a service address; a
 * member without one, or with one from another CA, still joins Hazelcast (its membership traffic is not TLS) but can
 * neither send to the service address nor receive what is published to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBusTlsTest {

  private static final String SERVICE = "tls-test.service";
  private static final int MEMBERS = 3;
  /** Long enough for a TLS round trip on a loaded machine, short enough to keep the refused cases fast. */
  private static final long REFUSED_TIMEOUT_MS = 2_000;

  private final Map<String, String> cluster = new HashMap<>();
  private final Queue<Object> publishedToService = new ConcurrentLinkedQueue<>();
  private TestCertificates ca;
  private TestCertificates otherCa;
  private Vertx service;
  private Vertx peer;

  @BeforeAll
  void startTwoMembersWithCertificates() throws Exception {
    Path dir = Files.createTempDirectory("event-bus-tls");
    ca = TestCertificates.authority(dir, "rtchat");
    otherCa = TestCertificates.authority(dir, "other");
    int base = freePortRange(MEMBERS);
    cluster.put("CLUSTER_NAME", "rtchat-tls-" + UUID.randomUUID());
    cluster.put("CLUSTER_PORT", String.valueOf(base));
    cluster.put("CLUSTER_HOSTS", IntStream.range(base, base + MEMBERS).mapToObj(p -> "127.0.0.1:" + p)
      .collect(Collectors.joining(",")));

    service = member(tls(ca.issue("service"), ca.caCert()));
    service.eventBus().<Object>consumer(SERVICE, message -> {
      if (message.replyAddress() == null) {
        publishedToService.add(message.body());
      } else {
        message.reply("pong:" + message.body());
      }
    }).completion().await();
    peer = member(tls(ca.issue("peer"), ca.caCert()));
  }

  @AfterAll
  void stop() {
    for (Vertx member : new Vertx[] {peer, service}) {
      if (member != null) {
        member.close().await();
      }
    }
  }

  @Test
  void aPeerWithACertificateSignedByTheCaIsAnswered() {
    Message<Object> reply = peer.eventBus().request(SERVICE, "ping", new DeliveryOptions().setSendTimeout(15_000)).await();
    assertThat(reply.body()).isEqualTo("pong:ping");
  }

  @Test
  void aMemberWithoutTlsCanNeitherSendToNorReceiveFromAServiceAddress() throws Exception {
    assertRefused(Map.of("EVENT_BUS_TLS", "false"));
  }

  @Test
  void aMemberWithACertificateFromAnotherCaCanNeitherSendToNorReceiveFromAServiceAddress() throws Exception {
    // it even trusts the cluster's CA, so only the cluster checking *its* certificate (client auth) keeps it out
    assertRefused(tls(otherCa.issue("intruder-" + UUID.randomUUID()), ca.caCert()));
  }

  private void assertRefused(Map<String, String> settings) throws Exception {
    Vertx intruder = member(settings);
    try {
      Future<Message<Object>> sent = intruder.eventBus().request(SERVICE, "ping",
        new DeliveryOptions().setSendTimeout(REFUSED_TIMEOUT_MS));
      assertThatThrownBy(sent::await).as("the intruder's request to %s is never answered", SERVICE);
      // a one-way send needs no reply, so only the service member checking the intruder's certificate (client auth)
      // stops it: the request above fails even without that check, at the reply going back to the intruder
      String sentByIntruder = "sent-by-intruder-" + UUID.randomUUID();
      intruder.eventBus().send(SERVICE, sentByIntruder);

      Queue<Object> stolen = new ConcurrentLinkedQueue<>();
      intruder.eventBus().consumer(SERVICE, message -> stolen.add(message.body())).completion().await();
      awaitRegistrations(SERVICE, 2);
      String marker = "published-" + UUID.randomUUID();
      peer.eventBus().publish(SERVICE, marker);
      // the control: the same publish does reach the member with the right certificate
      long deadline = System.currentTimeMillis() + 15_000;
      while (!publishedToService.contains(marker) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(publishedToService).as("the service member receives the publish").contains(marker);
      Thread.sleep(REFUSED_TIMEOUT_MS);
      assertThat(stolen).as("the intruder's consumer on %s receives nothing", SERVICE).isEmpty();
      assertThat(publishedToService).as("the service member is delivered nothing the intruder sent")
        .doesNotContain(sentByIntruder);
    } finally {
      intruder.close().await();
    }
  }

  /** Waits until the cluster's subscription map holds {@code count} handlers for {@code address}. */
  private void awaitRegistrations(String address, int count) throws InterruptedException {
    HazelcastClusterManager manager = (HazelcastClusterManager) ((VertxInternal) peer).clusterManager();
    long deadline = System.currentTimeMillis() + 15_000;
    while (manager.getHazelcastInstance().getMultiMap("__vertx.subs").get(address).size() < count
      && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    // the peer learns of a registration through a map listener, a moment after the map holds it
    Thread.sleep(500);
  }

  private Vertx member(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(cluster);
    all.putAll(settings);
    return ClusterBootstrap.clusteredVertx(Config.fromMap(all)).await();
  }

  private static Map<String, String> tls(TestCertificates.Member member, Path trusted) {
    return Map.of("EVENT_BUS_TLS", "true", "EVENT_BUS_CERT", member.cert().toString(),
      "EVENT_BUS_KEY", member.key().toString(), "EVENT_BUS_CA", trusted.toString());
  }

  /** A base port with {@code count} free ports after it: one Hazelcast port per member, away from other builds' ports. */
  private static int freePortRange(int count) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (IntStream.range(base, base + count).allMatch(EventBusTlsTest::free)) {
        return base;
      }
    }
    throw new IOException("no " + count + " free ports in a row");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
