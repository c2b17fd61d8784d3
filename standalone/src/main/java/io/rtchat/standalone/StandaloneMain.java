package io.rtchat.standalone;

import io.rtchat.common.Config;
import io.rtchat.common.EmbeddedDefaults;
import io.rtchat.common.SecretPolicy;
import io.rtchat.common.Setting;
import io.rtchat.common.VertxFactory;
import io.rtchat.runtime.Drain;
import io.rtchat.runtime.Readiness;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server in one JVM: embedded MongoDB, S3 and mail outbox for whatever is not configured, then every
 * service and the gateway. Stop it with Ctrl-C; start it again on the same DATA_DIR and everything is still there.
 */
public final class StandaloneMain {

  private static final Logger log = LoggerFactory.getLogger(StandaloneMain.class);

  private StandaloneMain() {
  }

  public static void main(String[] args) {
    Config requested = Config.fromEnv();
    String jwtProblem = requested.isSet(Setting.JWT_SECRET) ? SecretPolicy.jwtSecretProblem(requested.get(Setting.JWT_SECRET)) : null;
    if (jwtProblem != null) {
      System.err.println("rtchat cannot start: " + jwtProblem);
      System.exit(2);
      return;
    }
    EmbeddedDefaults embedded = EmbeddedDefaults.start(requested);
    Config config = embedded.config();
    Vertx vertx = VertxFactory.local();
    Readiness readiness = new Readiness();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Drain.run("standalone", vertx, readiness, config);
      embedded.close();
    }, "rtchat-shutdown"));
    Standalone.deploy(vertx, config, readiness)
      .onSuccess(v -> log.info("rtchat is up url=http://localhost:{} managementPort={} dataDir={}",
        config.get(Setting.HTTP_PORT), config.get(Setting.MANAGEMENT_PORT), config.dataDir()))
      .onFailure(err -> {
        log.error("rtchat failed to start", err);
        // Exit from a thread of its own: System.exit runs the shutdown hook, which waits for Vert.x to close, and
        // Vert.x cannot close while this event-loop thread sits inside System.exit (the server would hang).
        new Thread(() -> System.exit(1), "rtchat-exit").start();
      });
  }
}
