package io.rtchat.common;

import io.rtchat.common.embedded.EmbeddedMongo;
import io.rtchat.common.embedded.EmbeddedS3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Fills every unset infrastructure setting with an embedded default, so a newcomer runs the whole server with no
 * MongoDB, S3 or SMTP installed: mongo-java-server (H2 file or memory), S3Proxy on the filesystem, and a JWT key
 * generated once under DATA_DIR. (Unset SMTP means the notification service writes mails to DATA_DIR/outbox.)
 */
public final class EmbeddedDefaults implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDefaults.class);

  private final Config config;
  private final List<AutoCloseable> started;

  private EmbeddedDefaults(Config config, List<AutoCloseable> started) {
    this.config = config;
    this.started = started;
  }

  public static EmbeddedDefaults start(Config requested) {
    Config config = requested;
    List<AutoCloseable> started = new ArrayList<>();
    Path dataDir = config.dataDir();
    PrivateFiles.directory(dataDir);
    boolean production = config.isSet(Setting.MONGO_URI);
    if (!production) {
      EmbeddedMongo mongo = embeddedMongo(config.get(Setting.MONGO_EMBEDDED_BACKEND), dataDir.resolve("mongo"));
      started.add(mongo);
      config = config.with(Setting.MONGO_URI, mongo.uri());
      log.info("embedded MongoDB started backend={} uri={}", config.get(Setting.MONGO_EMBEDDED_BACKEND), mongo.uri());
    }
    if (!config.isSet(Setting.S3_ENDPOINT)) {
      List<String> origins = config.getList(Setting.ALLOWED_ORIGINS).isEmpty()
        ? List.of(config.get(Setting.PUBLIC_URL).replaceAll("/+$", "")) : config.getList(Setting.ALLOWED_ORIGINS);
      EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("blobs"),
        config.get(Setting.S3_ACCESS_KEY), config.get(Setting.S3_SECRET_KEY), origins);
      started.add(s3);
      config = config.with(Setting.S3_ENDPOINT, s3.endpoint());
      log.info("embedded S3 started endpoint={} dir={}", s3.endpoint(), dataDir.resolve("blobs"));
    }
    if (!config.isSet(Setting.JWT_SECRET)) {
      if (production) {
        closeAll(started);
        throw new IllegalStateException("JWT_SECRET is required when MONGO_URI is set");
      }
      config = config.with(Setting.JWT_SECRET, generatedSecret(dataDir.resolve("jwt.secret")));
    }
    return new EmbeddedDefaults(config, started);
  }

  private static EmbeddedMongo embeddedMongo(String backend, Path dir) {
    Path journal = dir.resolve("rtchat.journal");
    Path h2File = dir.resolve("rtchat.mv");
    return switch (backend) {
      case "memory" -> EmbeddedMongo.inMemory();
      case "h2" -> EmbeddedMongo.inH2File(h2File);
      case "file" -> {
        if (Files.exists(h2File) && !Files.exists(journal)) {
          // Starting empty beside the old store would look like lost data.
          throw new IllegalStateException(h2File + " holds data of the earlier h2 backend: set MONGO_EMBEDDED_BACKEND=h2"
            + " to keep using it, or move it away to start afresh");
        }
        yield EmbeddedMongo.inJournal(journal);
      }
      default -> throw new IllegalStateException("MONGO_EMBEDDED_BACKEND must be file, memory or h2, not " + backend);
    };
  }

  /** A random key written once under DATA_DIR and read back on every start, so tokens survive restarts. */
  private static String generatedSecret(Path file) {
    try {
      if (Files.exists(file)) {
        PrivateFiles.restrict(file); // a key written by an older version may be world-readable
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      PrivateFiles.directory(file.getParent());
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
      PrivateFiles.writeNew(file, secret);
      log.info("generated a JWT key file={}", file);
      return secret;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or write the JWT key at " + file, e);
    }
  }

  public Config config() {
    return config;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("could not close an embedded service", e);
      }
    }
  }
}
