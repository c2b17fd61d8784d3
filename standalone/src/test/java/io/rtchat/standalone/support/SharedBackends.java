package io.rtchat.standalone.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.rtchat.common.embedded.EmbeddedMongo;
import io.rtchat.common.embedded.EmbeddedS3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the members of a multi-process test share: an embedded MongoDB, S3 and SMTP server, a data directory, and the
 * settings every member starts with (those backends, one JWT key, one cluster of {@code members} ports on loopback).
 * The tests add their own settings to {@link #settings()}.
 */
public final class SharedBackends implements AutoCloseable {

  private final EmbeddedMongo mongo;
  private final EmbeddedS3 s3;
  private final GreenMail mail;
  private final Map<String, String> settings = new LinkedHashMap<>();

  private SharedBackends(EmbeddedMongo mongo, EmbeddedS3 s3, GreenMail mail) {
    this.mongo = mongo;
    this.s3 = s3;
    this.mail = mail;
  }

  public static SharedBackends start(String name, int members) throws IOException {
    Path dataDir = Files.createTempDirectory("rtchat-" + name);
    String s3Secret = "rtchat-secret-for-the-" + name;
    EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    EmbeddedS3 s3 = EmbeddedS3.start(dataDir.resolve("blobs"), "rtchat", s3Secret);
    int smtpPort = TestStack.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    SharedBackends backends = new SharedBackends(mongo, s3, mail);
    int clusterBase = ServiceProcesses.freePortRange(members);
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    Map<String, String> common = backends.settings;
    common.put("MONGO_URI", mongo.uri());
    common.put("JWT_SECRET", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    common.put("S3_ENDPOINT", s3.endpoint());
    common.put("S3_ACCESS_KEY", "rtchat");
    common.put("S3_SECRET_KEY", s3Secret);
    common.put("SMTP_HOST", "127.0.0.1");
    common.put("SMTP_PORT", String.valueOf(smtpPort));
    common.put("SMTP_STARTTLS", "DISABLED");
    common.put("DATA_DIR", dataDir.toString());
    common.put("CLUSTER_NAME", "rtchat-" + name + "-" + UUID.randomUUID());
    common.put("CLUSTER_PORT", String.valueOf(clusterBase));
    common.put("CLUSTER_HOSTS", IntStream.range(clusterBase, clusterBase + members).mapToObj(p -> "127.0.0.1:" + p)
      .collect(Collectors.joining(",")));
    return backends;
  }

  /** The settings every member starts with; mutable, so that a test adds its own. */
  public Map<String, String> settings() {
    return settings;
  }

  public GreenMail mail() {
    return mail;
  }

  @Override
  public void close() {
    mail.stop();
    s3.close();
    mongo.close();
  }
}
