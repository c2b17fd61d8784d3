package io.rtchat.common.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * mongo-java-server on a loopback port: the real MongoDB driver talks to it over TCP. The default keeps data in memory
 * and journals every write to a file before answering it (JournaledBackend); the memory backend alone is for tests;
 * the H2 file store (DurableH2Backend) is what earlier versions used.
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

  /** The memory backend with a journal file: every acknowledged write is in the file (see JournaledBackend). */
  public static EmbeddedMongo inJournal(Path file) {
    return new EmbeddedMongo(new MongoServer(new JournaledBackend(parentCreated(file), false)));
  }

  /** The H2 store of earlier versions, kept so that their data directories stay readable. */
  public static EmbeddedMongo inH2File(Path file) {
    return new EmbeddedMongo(new MongoServer(new DurableH2Backend(parentCreated(file).toString(), false)));
  }

  /** Any backend (tests of a backend's own settings). */
  static EmbeddedMongo over(MongoBackend backend) {
    return new EmbeddedMongo(new MongoServer(backend));
  }

  private static Path parentCreated(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + absolute.getParent(), e);
    }
    return absolute;
  }

  public String uri() {
    return uri;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
