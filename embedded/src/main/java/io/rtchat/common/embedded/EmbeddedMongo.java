package io.rtchat.common.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mongo-java-server on a loopback port: the real MongoDB driver talks to it over TCP. The H2 backend keeps data in
 * one file across restarts and commits it before answering a write (DurableH2Backend); the memory backend is for
 * tests and benchmarks.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;
  private final String uri;

  private EmbeddedMongo(MongoServer server) {
    this.server = server;
    InetSocketAddress address = server.bind();
    this.uri = "mongodb://127.0.0.1:" + address.getPort();
  }

  public static EmbeddedMongo inMemory() {
    return new EmbeddedMongo(new MongoServer(new MemoryBackend()));
  }

  public static EmbeddedMongo inFile(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + file.getParent(), e);
    }
    return new EmbeddedMongo(new MongoServer(new DurableH2Backend(file.toAbsolutePath().toString(), false)));
  }

  public String uri() {
    return uri;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
