package io.rtchat.runtime;

import io.rtchat.common.ClusterBootstrap;
import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code main} of a service jar (one Kubernetes Deployment): check the settings, join the cluster, deploy the
 * service's verticle and the management port, and drain on SIGTERM. There are no embedded defaults here: a process
 * without its MongoDB, S3 or JWT key exits at once and says what is missing.
 */
public final class ServiceRunner {

  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
  /** Exit status of a process refused by its start-up checks (distinct from a failure while starting). */
  public static final int EXIT_MISCONFIGURED = 2;

  private ServiceRunner() {
  }

  /**
   * @param serviceAddress the event-bus address of the service proxy this process registers (readiness calls its
   *                       {@code ready()} locally), or null for the gateway, which registers none
   * @param required       settings this process refuses to start without
   */
  public static void run(String name, Supplier<? extends Deployable> verticle, String serviceAddress, List<Setting> required) {
    Config config = Config.fromEnv();
    List<String> problems = StartupChecks.problems(config, required);
    if (!problems.isEmpty()) {
      problems.forEach(p -> {
        log.error("refusing to start service={} problem=\"{}\"", name, p);
        System.err.println(name + " cannot start: " + p);
      });
      System.exit(EXIT_MISCONFIGURED);
      return;
    }
    Readiness readiness = new Readiness();
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    ClusterBootstrap.clusteredVertx(config)
      .compose(vertx -> vertx.deployVerticle(verticle, options)
        .compose(id -> {
          readiness.add("cluster", Readiness.clusterMember(vertx));
          if (serviceAddress != null) {
            readiness.add("service", LocalService.ready(vertx, serviceAddress, 2_000));
          }
          return vertx.deployVerticle(new ManagementServer(readiness), options);
        })
        .onSuccess(id -> {
          readiness.started();
          Runtime.getRuntime().addShutdownHook(new Thread(() -> Drain.run(name, vertx, readiness, config), "rtchat-drain"));
        })
        .map(vertx))
      .onSuccess(vertx -> log.info("service started name={} managementPort={}", name, config.get(Setting.MANAGEMENT_PORT)))
      .onFailure(err -> {
        log.error("service failed to start name={}", name, err);
        // From a thread of its own: System.exit waits for shutdown hooks, which must not block an event loop.
        new Thread(() -> System.exit(1), "rtchat-exit").start();
      });
  }

  /** For tests and tools that want the clustered Vert.x a runner would build. */
  public static Future<Vertx> clusteredVertx(Config config) {
    return ClusterBootstrap.clusteredVertx(config);
  }
}
