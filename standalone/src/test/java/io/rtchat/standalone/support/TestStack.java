package io.rtchat.standalone.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.rtchat.common.Config;
import io.rtchat.common.EmbeddedDefaults;
import io.rtchat.common.Setting;
import io.rtchat.common.VertxFactory;
import io.rtchat.standalone.Standalone;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The whole server as a user meets it: every verticle in one Vert.x, the real Mongo driver over TCP to an in-memory
 * mongo-java-server, S3Proxy on a temp dir, and GreenMail as a real SMTP server. One per test class; tests keep
 * apart by creating their own users.
 */
public final class TestStack implements AutoCloseable {

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  /** Test servers listen from here up to the system's ephemeral range. */
  private static final int FIRST_PORT = 10_000;

  public final Vertx vertx;
  public final Config config;
  public final GreenMail mail;
  public final int port;
  public final Path dataDir;
  private final EmbeddedDefaults embedded;

  private TestStack(Vertx vertx, Config config, GreenMail mail, int port, Path dataDir, EmbeddedDefaults embedded) {
    this.vertx = vertx;
    this.config = config;
    this.mail = mail;
    this.port = port;
    this.dataDir = dataDir;
    this.embedded = embedded;
  }

  public static TestStack start() {
    return start(Map.of());
  }

  /** Starts the stack; {@code overrides} are settings by env name (e.g. a lower throttle for a test). */
  public static TestStack start(Map<String, String> overrides) {
    try {
      Path dataDir = Files.createTempDirectory("rtchat-test");
      int smtpPort = freePort();
      GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      int httpPort = freePort();
      Map<String, String> env = new HashMap<>();
      env.put(Setting.DATA_DIR.name(), dataDir.toString());
      env.put(Setting.MONGO_EMBEDDED_BACKEND.name(), "memory");
      env.put(Setting.HTTP_PORT.name(), String.valueOf(httpPort));
      env.put(Setting.HTTP_HOST.name(), "127.0.0.1");
      env.put(Setting.MANAGEMENT_PORT.name(), String.valueOf(freePort()));
      env.put(Setting.MANAGEMENT_HOST.name(), "127.0.0.1");
      // a loaded CI machine hashes passwords slowly; the call timeout itself is tested by GatewayDrainTest
      env.put(Setting.SERVICE_CALL_TIMEOUT_MILLIS.name(), "30000");
      env.put(Setting.SMTP_HOST.name(), "127.0.0.1");
      env.put(Setting.SMTP_PORT.name(), String.valueOf(smtpPort));
      env.put(Setting.SMTP_STARTTLS.name(), "DISABLED");
      env.put(Setting.PUBLIC_URL.name(), "http://localhost:" + httpPort);
      env.put(Setting.ALLOWED_ORIGINS.name(), "http://localhost:" + httpPort + ",http://127.0.0.1:" + httpPort);
      env.putAll(overrides);
      EmbeddedDefaults embedded = EmbeddedDefaults.start(Config.fromMap(env));
      Config config = embedded.config();
      Vertx vertx = VertxFactory.local();
      Standalone.deployAll(vertx, config).await();
      return new TestStack(vertx, config, mail, httpPort, dataDir, embedded);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A port nobody listens on, never one handed out before in this JVM: the system may offer a port again once its
   * probe socket is closed, and two servers of one Vert.x instance on the same port share it (the public API and the
   * management port would then answer each other's requests). Taken below the range the system picks outgoing
   * connections' local ports from: a port probed there could be given to one of the many client connections the
   * suite opens (drivers, cluster members, browsers) before the server binds it (seen as "Address already in use").
   */
  public static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, firstEphemeralPort());
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port)) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException taken) {
        // in use: try another
      }
    }
    throw new IOException("no free port below " + firstEphemeralPort());
  }

  /**
   * A base port with {@code count} free ports after it, none handed out before in this JVM, and all of them handed out
   * now: the members bind them only later, and a port probed free meanwhile by {@link #freePort} for a management or
   * HTTP port inside the range made a member fail with "Address already in use".
   */
  public static synchronized int freePortRange(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      // below the system's range for outgoing connections' ports, which could take one of these meanwhile
      int base = ThreadLocalRandom.current().nextInt(FIRST_PORT, firstEphemeralPort() - count);
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        if (HANDED_OUT.contains(p)) {
          free = false;
          continue;
        }
        try (ServerSocket socket = new ServerSocket(p)) {
          socket.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        for (int p = base; p < base + count; p++) {
          HANDED_OUT.add(p);
        }
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " free consecutive ports");
  }

  /** The lowest port the system hands to outgoing connections (Linux: ip_local_port_range; 32768 elsewhere). */
  public static int firstEphemeralPort() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      return Math.max(FIRST_PORT + 1_000, Integer.parseInt(range.split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  public ApiClient api() {
    return new ApiClient(vertx, port);
  }

  /** The management port: /health, /ready, /metrics (never on the public port). */
  public ApiClient management() {
    return new ApiClient(vertx, config.getInt(Setting.MANAGEMENT_PORT));
  }

  public Users users() {
    return new Users(api(), mail);
  }

  public BridgeClient bridge() {
    return BridgeClient.connect(vertx, port);
  }

  public Groups groups() {
    return new Groups(api());
  }

  /** Clients for a server the test started itself (e.g. a cluster member's gateway). */
  public record Client(Vertx vertx, int port) {

    public ApiClient api() {
      return new ApiClient(vertx, port);
    }

    public Users users(GreenMail mail) {
      return new Users(api(), mail);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
    embedded.close();
    mail.stop();
  }
}
