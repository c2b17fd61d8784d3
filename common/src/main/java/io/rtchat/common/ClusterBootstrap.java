package io.rtchat.common;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts a Vert.x instance that joins the Hazelcast cluster, so each service can run as its own process (one
 * Kubernetes Deployment per service). Discovery: Kubernetes DNS lookup against a headless Service when
 * {@code CLUSTER_K8S_SERVICE_DNS} is set, otherwise TCP-IP with {@code CLUSTER_HOSTS}.
 */
public final class ClusterBootstrap {

  private ClusterBootstrap() {
  }

  public static Future<Vertx> clusteredVertx(Config config) {
    com.hazelcast.config.Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(config.get(Setting.CLUSTER_NAME));
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(config.getInt(Setting.CLUSTER_HEARTBEAT_SECONDS)));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(config.getInt(Setting.CLUSTER_MAX_NO_HEARTBEAT_SECONDS)));
    // A member dropped for silence (a long GC pause, a stopped VM) that wakes up is told it is no longer a member and
    // forms a cluster of its own; only a split-brain merge brings it and its event-bus handlers back. Hazelcast's
    // defaults look for such splits after 300 s and then every 120 s, minutes in which the gateways see no handler for
    // whatever that member serves.
    String merge = String.valueOf(config.getInt(Setting.CLUSTER_MERGE_SECONDS));
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", merge);
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", merge);
    ClusterEvents.listeners().forEach(hz::addListenerConfig);
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
    EventBusOptions bus = EventBusTls.apply(config, new EventBusOptions().setPort(config.getInt(Setting.EVENT_BUS_PORT)));
    if (!publicHost.isBlank()) {
      bus.setHost(publicHost).setClusterPublicHost(publicHost);
    } else if (!config.isSet(Setting.CLUSTER_K8S_SERVICE_DNS)) {
      bus.setHost("127.0.0.1");
    }
    return VertxFactory.clustered(VertxFactory.options().setEventBusOptions(bus), new HazelcastClusterManager(hz));
  }
}
