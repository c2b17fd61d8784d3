package io.rtchat.common;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Starts a Vert.x instance that joins the Hazelcast cluster, so each service can run as its own process (one
 * Kubernetes Deployment per service). Discovery: Kubernetes DNS lookup against a headless Service when
 * {@code CLUSTER_K8S_SERVICE_DNS} is set, otherwise TCP-IP with {@code CLUSTER_HOSTS}.
 */
public final class ClusterBootstrap {

  private static final Logger log = LoggerFactory.getLogger(ClusterBootstrap.class);

  private ClusterBootstrap() {
  }

  public static Future<Vertx> clusteredVertx(Config config) {
    com.hazelcast.config.Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(config.get(Setting.CLUSTER_NAME));
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.getInt(Setting.CLUSTER_PORT)).setPortAutoIncrement(true);
    String publicHost = config.get(Setting.CLUSTER_PUBLIC_HOST);
    if (!publicHost.isBlank()) {
      network.setPublicAddress(publicHost);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (config.isSet(Setting.CLUSTER_K8S_SERVICE_DNS)) {
      join.getKubernetesConfig().setEnabled(true)
        .setProperty("service-dns", config.get(Setting.CLUSTER_K8S_SERVICE_DNS));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(
        config.getList(Setting.CLUSTER_HOSTS).isEmpty() ? java.util.List.of("127.0.0.1") : config.getList(Setting.CLUSTER_HOSTS));
      if (config.getList(Setting.CLUSTER_HOSTS).stream().allMatch(h -> h.startsWith("127.") || h.equals("localhost"))) {
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      }
    }
    EventBusOptions bus = new EventBusOptions();
    if (!publicHost.isBlank()) {
      bus.setHost(publicHost).setClusterPublicHost(publicHost);
    } else if (!config.isSet(Setting.CLUSTER_K8S_SERVICE_DNS)) {
      bus.setHost("127.0.0.1");
    }
    return VertxFactory.clustered(VertxFactory.options().setEventBusOptions(bus), new HazelcastClusterManager(hz));
  }

  /**
   * The {@code main} of a service jar: resolve the embedded defaults (dev only), join the cluster, deploy the
   * service's verticle, and close cleanly on SIGTERM.
   */
  public static void runService(String name, Supplier<? extends Deployable> verticle) {
    Config config = Config.fromEnv();
    EmbeddedDefaults embedded = EmbeddedDefaults.start(config);
    Config resolved = embedded.config();
    clusteredVertx(resolved)
      .compose(vertx -> vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(resolved.toJson()))
        .onSuccess(id -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          vertx.close().toCompletionStage().toCompletableFuture().join();
          embedded.close();
        }))))
      .onSuccess(id -> log.info("service started name={} deployment={}", name, id))
      .onFailure(err -> {
        log.error("service failed to start name={}", name, err);
        embedded.close();
        System.exit(1);
      });
  }
}
