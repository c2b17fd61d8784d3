package io.rtchat.runtime;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * SIGTERM, in order: unready (the preStop pause has already let endpoint removal propagate), then close Vert.x,
 * which undeploys the verticles (the gateway stops accepting, lets in-flight requests finish and closes bridge
 * sockets with a reconnect code) and leaves the cluster. Bounded by SHUTDOWN_GRACE_SECONDS plus a margin, so the
 * process exits before Kubernetes' terminationGracePeriodSeconds.
 */
public final class Drain {

  private static final Logger log = LoggerFactory.getLogger(Drain.class);

  private Drain() {
  }

  public static void run(String name, Vertx vertx, Readiness readiness, Config config) {
    readiness.drain();
    int grace = config.getInt(Setting.SHUTDOWN_GRACE_SECONDS);
    long started = System.nanoTime();
    log.info("draining name={} graceSeconds={}", name, grace);
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(grace + 5L, TimeUnit.SECONDS);
      log.info("drained name={} millis={}", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (Exception e) {
      log.warn("drain did not finish in time name={} error={}", name, String.valueOf(e));
    }
  }
}
