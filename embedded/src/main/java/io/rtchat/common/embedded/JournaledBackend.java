package io.rtchat.common.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * mongo-java-server's memory backend made durable by a journal: every document a command stores or removes is
 * appended to a file (its new version, or its removal), and the file is written before the command is answered. At
 * start the journal is read back into memory, so an acknowledged write survives a killed process; the journal is then
 * rewritten as a snapshot of what is stored, and again whenever it has grown to four times the last snapshot.
 *
 * <p>Why not mongo-java-server's own H2 backend, committed per write: its index maps compare keys by serializing them
 * with Java serialization on every comparison, which cost about half of a pinned core in the send-path benchmark; the
 * memory backend's indexes are hash maps. What a command changed is journaled, not the command, so a replay does not
 * depend on server-generated ids or clocks.
 *
 * <p>Every command's reply waits for the journal to be written, reads too: a read that saw another connection's write
 * must not be answered before that write is in the file. The snapshot is written by a background thread while
 * commands go on (see {@link #compact}). Renaming a collection is not supported (rtchat never does).
 */
public final class JournaledBackend extends MemoryBackend {

  private static final Logger log = LoggerFactory.getLogger(JournaledBackend.class);
  private static final long MIN_COMPACT_BYTES = 128L * 1024 * 1024;
  /**
   * The journal is snapshotted again once it is this many times the last snapshot. A snapshot rewrites everything
   * stored, so with a factor k it costs 1/(k-1) of a write's bytes again: with 2 as many bytes as the writes
   * themselves, and on a one-core server the snapshots during a benchmark ramp were what failed its steps (each 1.6-2.5
   * s of the core at 90% load). With 4 that work is a third, for a file of up to four times the data.
   */
  private static final int GROWTH_BEFORE_SNAPSHOT = 4;
  /** Documents read (and written to the snapshot) per hold of a collection's lock: writers wait for one chunk at most. */
  private static final int SNAPSHOT_CHUNK = 128;
  /**
   * A background snapshot sleeps this many times as long as each chunk took, so it uses at most a fifth of a core: on a
   * server with one core it would otherwise take the core from the event loops for a second or more at a time
   * (measured: p99 over 200 ms during a 1.6 s snapshot; and 70 ms at half the core's load with a fixed 2 ms pause
   * per 512 documents, which still left the snapshot two thirds of the core). The snapshot takes longer; nothing
   * waits for it.
   */
  private static final int SNAPSHOT_YIELD = 4;

  private final Journal journal;
  private final AtomicBoolean compacting = new AtomicBoolean();
  private final AtomicInteger compactionFailures = new AtomicInteger();
  private final ExecutorService compactor = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "mongo-journal-compactor");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, JournaledCollection> collections = new ConcurrentHashMap<>();
  /** What the journal held at start, by database and collection, taken by each collection as it is opened. */
  private final Map<String, Map<String, Map<Object, Document>>> restoring;
  private final long compactMinBytes;
  private volatile boolean recording;
  private volatile long snapshotBytes;

  public JournaledBackend(Path file, boolean fsync) {
    this(file, fsync, MIN_COMPACT_BYTES);
  }

  JournaledBackend(Path file, boolean fsync, long compactMinBytes) {
    this.compactMinBytes = compactMinBytes;
    this.restoring = JournalState.read(file);
    this.journal = new Journal(file, fsync);
    long records = restoring.values().stream().flatMap(db -> db.values().stream()).mapToLong(Map::size).sum();
    // A database restores its collections and indexes while it is constructed (mongo-java-server's own restore path).
    List.copyOf(restoring.keySet()).forEach(this::resolveDatabase);
    restoring.clear();
    recording = true;
    compact(false);
    log.info("embedded mongo journal opened file={} documents={} bytes={}", file, records, journal.size());
  }

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new JournaledDatabase(databaseName, getCursorRegistry());
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    try {
      return super.handleCommand(channel, database, command, query);
    } finally {
      journal.flush();
      compactWhenGrown();
    }
  }

  @Override
  public void close() {
    super.close();
    compactor.shutdown();
    try {
      compactor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
  }

  /** Compactions that failed (the journal then stays as it was): for tests. */
  int compactionFailures() {
    return compactionFailures.get();
  }

  private void compactWhenGrown() {
    if (journal.size() >= Math.max(compactMinBytes, GROWTH_BEFORE_SNAPSHOT * snapshotBytes) && compacting.compareAndSet(false, true)) {
      compactor.execute(() -> {
        try {
          compact(true);
        } catch (RuntimeException e) {
          // not again at once: the next try waits until the journal has grown as much once more
          snapshotBytes = journal.size();
          compactionFailures.incrementAndGet();
          log.error("embedded mongo journal compaction failed (the journal stays as it was)", e);
        } finally {
          compacting.set(false);
        }
      });
    }
  }

  /**
   * Rewrites the journal as one record per stored document, while commands go on. The snapshot is read after a mark
   * (the journal's length once everything appended so far is written): whatever changes after the mark is also in
   * the journal after it, and that tail is appended to the snapshot, so a document the snapshot read before or after
   * its change ends in its latest version on replay (records are after-images and removals, applied in order).
   */
  private void compact(boolean paced) {
    long started = System.nanoTime();
    long mark = journal.mark();
    journal.compact(mark, sink -> collections.values().forEach(collection -> collection.each(paced, doc ->
      sink.accept(collection.put(doc)))));
    snapshotBytes = journal.size();
    log.info("embedded mongo journal compacted bytes={} millis={}", snapshotBytes, (System.nanoTime() - started) / 1_000_000);
  }

  private static void pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(Document entry) {
    if (recording) {
      journal.append(entry);
    }
  }

  private static String key(String database, String collection) {
    return database + '\u0000' + collection;
  }

  /** A database whose collections journal their changes and start with what the journal held. */
  private final class JournaledDatabase extends MemoryDatabase {

    JournaledDatabase(String databaseName, CursorRegistry cursorRegistry) {
      super(databaseName, cursorRegistry);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
      JournaledCollection collection = new JournaledCollection(this, collectionName, options, cursorRegistry);
      Map<String, Map<Object, Document>> database = restoring.get(getDatabaseName());
      Map<Object, Document> restored = database == null ? null : database.remove(collectionName);
      if (restored != null) {
        restored.values().forEach(collection::restore);
      }
      collections.put(key(getDatabaseName(), collectionName), collection);
      return collection;
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
      super.dropCollection(collectionName, oplog);
      collections.remove(key(getDatabaseName(), collectionName));
      record(JournalState.dropCollection(getDatabaseName(), collectionName));
    }

    @Override
    public void drop(Oplog oplog) {
      super.drop(oplog);
      collections.keySet().removeIf(k -> k.startsWith(getDatabaseName() + '\u0000'));
      record(JournalState.dropDatabase(getDatabaseName()));
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
      throw new MongoServerException("renaming a collection is not supported by the journaled embedded MongoDB");
    }
  }

  /** A collection that journals each document it stores or removes, under the collection's lock. */
  private final class JournaledCollection extends MemoryCollection {

    JournaledCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                        CursorRegistry cursorRegistry) {
      super(database, collectionName, options, cursorRegistry);
    }

    String databaseName() {
      return getDatabase().getDatabaseName();
    }

    /** Puts a journaled document back, before the collection's indexes are opened (they index what is there). */
    void restore(Document doc) {
      super.addDocumentInternal(doc);
    }

    Document put(Document doc) {
      return JournalState.put(databaseName(), getCollectionName(), JournalState.keyOf(doc, getIdField()), doc);
    }

    /**
     * Every stored document, read in chunks under the collection's lock so that writers wait for a chunk, not for
     * the whole collection. A document changed between chunks may be read in either version, or (a position reused)
     * not at all: its change is in the journal after the compaction's mark, which replay applies after the snapshot.
     */
    void each(boolean paced, Consumer<Document> consumer) {
      List<Integer> positions;
      synchronized (this) {
        positions = streamAllDocumentsWithPosition().map(DocumentWithPosition::getPosition).toList();
      }
      long chunkNanos = 0;
      for (int from = 0; from < positions.size(); from += SNAPSHOT_CHUNK) {
        if (paced && from > 0) {
          pause(Math.max(TimeUnit.MILLISECONDS.toNanos(1), SNAPSHOT_YIELD * chunkNanos));
        }
        long chunkStart = System.nanoTime();
        synchronized (this) {
          for (Integer position : positions.subList(from, Math.min(positions.size(), from + SNAPSHOT_CHUNK))) {
            Document doc = getDocument(position);
            if (doc != null) {
              consumer.accept(doc);
            }
          }
        }
        chunkNanos = System.nanoTime() - chunkStart;
      }
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
      Integer position = super.addDocumentInternal(document);
      record(put(document));
      return position;
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
      super.handleUpdate(position, oldDocument, newDocument);
      record(put(newDocument));
    }

    @Override
    protected void removeDocument(Integer position) {
      Document removed = getDocument(position);
      super.removeDocument(position);
      if (removed != null) {
        record(JournalState.remove(databaseName(), getCollectionName(), JournalState.keyOf(removed, getIdField())));
      }
    }
  }

  /** The journal's records and what replaying them leaves: database → collection → key → document. */
  static final class JournalState {

    private JournalState() {
    }

    static Map<String, Map<String, Map<Object, Document>>> read(Path file) {
      Map<String, Map<String, Map<Object, Document>>> state = new LinkedHashMap<>();
      Journal.read(file, entry -> apply(state, entry));
      return state;
    }

    static Document put(String database, String collection, Object key, Document doc) {
      return new Document("o", "p").append("db", database).append("c", collection).append("key", key).append("doc", doc);
    }

    static Document remove(String database, String collection, Object key) {
      return new Document("o", "d").append("db", database).append("c", collection).append("key", key);
    }

    static Document dropCollection(String database, String collection) {
      return new Document("o", "x").append("db", database).append("c", collection);
    }

    static Document dropDatabase(String database) {
      return new Document("o", "X").append("db", database);
    }

    /** A document's identity: its id field, or (collections without one: the index catalogue) the whole document. */
    static Object keyOf(Document doc, String idField) {
      return idField != null && doc.containsKey(idField) ? doc.get(idField) : doc;
    }

    private static void apply(Map<String, Map<String, Map<Object, Document>>> state, Document entry) {
      String database = (String) entry.get("db");
      String collection = (String) entry.get("c");
      switch ((String) entry.get("o")) {
        case "p" -> docs(state, database, collection).put(entry.get("key"), (Document) entry.get("doc"));
        case "d" -> docs(state, database, collection).remove(entry.get("key"));
        case "x" -> {
          // with its catalogue entries, should the drop not have removed them one by one
          String namespace = database + "." + collection;
          docs(state, database, collection).clear();
          docs(state, database, "system.namespaces").remove(namespace);
          docs(state, database, "system.indexes").values().removeIf(index -> namespace.equals(index.get("ns")));
          state.get(database).remove(collection);
        }
        case "X" -> state.remove(database);
        default -> throw new IllegalStateException("unknown journal record " + entry.get("o"));
      }
    }

    private static Map<Object, Document> docs(Map<String, Map<String, Map<Object, Document>>> state, String database,
                                              String collection) {
      return state.computeIfAbsent(database, d -> new LinkedHashMap<>()).computeIfAbsent(collection, c -> new LinkedHashMap<>());
    }
  }
}
