package io.rtchat.common.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournaledBackendTest {

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void everyAcknowledgedWriteIsInTheJournalWhenTheProcessDiesRightAfterIt() throws Exception {
    Path file = dir.resolve("mongo").resolve("rtchat.journal");
    try (EmbeddedMongo mongo = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(mongo);
      for (int i = 1; i <= 20; i++) {
        client.insert("messages", new JsonObject().put("_id", "m" + i).put("seq", i)).await();
      }
      client.updateCollection("messages", new JsonObject().put("_id", "m20"),
        new JsonObject().put("$set", new JsonObject().put("edited", true))).await();
      client.removeDocument("messages", new JsonObject().put("_id", "m1")).await();
      // an upsert whose _id the server makes up: the replay must not make up another one
      client.updateCollectionWithOptions("chats", new JsonObject().put("name", "general"),
        new JsonObject().put("$set", new JsonObject().put("topic", "hello")), new io.vertx.ext.mongo.UpdateOptions().setUpsert(true)).await();
      Path killed = killedCopy(file);
      client.close().await();
      try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(killed)) {
        MongoClient after = client(restarted);
        assertThat(after.count("messages", new JsonObject()).await()).isEqualTo(19L);
        assertThat(after.findOne("messages", new JsonObject().put("_id", "m20"), null).await().getBoolean("edited")).isTrue();
        assertThat(after.findOne("messages", new JsonObject().put("_id", "m1"), null).await()).isNull();
        assertThat(after.findOne("chats", new JsonObject().put("name", "general"), null).await().getString("topic")).isEqualTo("hello");
        after.close().await();
      }
    }
  }

  @Test
  void uniqueIndexesStillRefuseDuplicatesAfterARestart() throws Exception {
    Path file = dir.resolve("rtchat.journal");
    try (EmbeddedMongo mongo = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(mongo);
      client.createIndexWithOptions("messages", new JsonObject().put("chatId", 1).put("seq", 1), new IndexOptions().unique(true)).await();
      client.insert("messages", new JsonObject().put("_id", "a").put("chatId", "c").put("seq", 1)).await();
      client.close().await();
    }
    try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(restarted);
      assertThatThrownBy(() -> client.insert("messages", new JsonObject().put("_id", "b").put("chatId", "c").put("seq", 1)).await())
        .hasMessageContaining("E11000");
      assertThat(client.listIndexes("messages").await().stream().map(i -> ((JsonObject) i).getString("name")))
        .contains("_id_", "chatId_1_seq_1");
      client.insert("messages", new JsonObject().put("_id", "b").put("chatId", "c").put("seq", 2)).await();
      assertThat(client.count("messages", new JsonObject()).await()).isEqualTo(2L);
      client.close().await();
    }
  }

  @Test
  void aRecordTornByTheCrashIsCutOffAndWritingGoesOn() throws Exception {
    Path file = dir.resolve("rtchat.journal");
    Path killed;
    try (EmbeddedMongo mongo = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(mongo);
      client.insert("notes", new JsonObject().put("_id", "kept").put("text", "x")).await();
      killed = killedCopy(file);
      client.close().await();
    }
    // the first bytes of a record whose write the crash interrupted
    Files.write(killed, new byte[] {(byte) 200, 0, 0, 0, 3, 'o', 0}, StandardOpenOption.APPEND);
    try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(killed)) {
      MongoClient client = client(restarted);
      client.insert("notes", new JsonObject().put("_id", "after").put("text", "y")).await();
      client.close().await();
    }
    try (EmbeddedMongo again = EmbeddedMongo.inJournal(killed)) {
      MongoClient client = client(again);
      assertThat(client.find("notes", new JsonObject()).await()).extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("kept", "after");
      client.close().await();
    }
  }

  @Test
  void droppedCollectionsAndDatabasesStayDropped() throws Exception {
    Path file = dir.resolve("rtchat.journal");
    try (EmbeddedMongo mongo = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(mongo);
      client.insert("gone", new JsonObject().put("_id", "1")).await();
      client.insert("kept", new JsonObject().put("_id", "1")).await();
      client.dropCollection("gone").await();
      MongoClient other = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri()).put("db_name", "other"));
      other.insert("x", new JsonObject().put("_id", "1")).await();
      other.runCommand("dropDatabase", new JsonObject().put("dropDatabase", 1)).await();
      other.close().await();
      client.close().await();
    }
    try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(restarted);
      assertThat(client.getCollections().await()).containsExactly("kept");
      MongoClient other = MongoClient.create(vertx, new JsonObject().put("connection_string", restarted.uri()).put("db_name", "other"));
      assertThat(other.count("x", new JsonObject()).await()).isZero();
      other.close().await();
      client.close().await();
    }
  }

  @Test
  void theJournalIsCompactedAsItGrowsAndKeepsTheLatestOfEachDocument() throws Exception {
    Path file = dir.resolve("rtchat.journal");
    try (EmbeddedMongo mongo = EmbeddedMongo.over(new JournaledBackend(file, false, 16 * 1024))) {
      MongoClient client = client(mongo);
      client.insert("counters", new JsonObject().put("_id", "c").put("n", 0).put("pad", "x".repeat(200))).await();
      for (int i = 1; i <= 500; i++) {
        client.updateCollection("counters", new JsonObject().put("_id", "c"), new JsonObject().put("$set", new JsonObject().put("n", i))).await();
      }
      // 500 versions of a 250-byte document, compacted whenever the file passed 16 KiB
      assertThat(Files.size(file)).isLessThan(40 * 1024);
      client.close().await();
    }
    try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(file)) {
      MongoClient client = client(restarted);
      assertThat(client.findOne("counters", new JsonObject().put("_id", "c"), null).await().getInteger("n")).isEqualTo(500);
      client.close().await();
    }
  }

  @Test
  void concurrentWritersOnManyConnectionsAreAllJournaled() throws Exception {
    Path file = dir.resolve("rtchat.journal");
    Path killed;
    try (EmbeddedMongo mongo = EmbeddedMongo.inJournal(file)) {
      List<MongoClient> clients = new ArrayList<>();
      List<Future<String>> writes = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri())
          .put("db_name", "durability").put("maxPoolSize", 8));
        clients.add(client);
        for (int i = 0; i < 250; i++) {
          writes.add(client.insert("messages", new JsonObject().put("_id", c + "-" + i)));
        }
      }
      Future.all(writes).await();
      killed = killedCopy(file);
      for (MongoClient client : clients) {
        client.close().await();
      }
    }
    try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(killed)) {
      MongoClient client = client(restarted);
      assertThat(client.count("messages", new JsonObject()).await()).isEqualTo(1000L);
      client.close().await();
    }
  }

  @Test
  void compactionsWhileWritesGoOnLoseNothing() throws Exception {
    Path file = dir.resolve("rtchat.journal");
    Path killed;
    JournaledBackend backend = new JournaledBackend(file, false, 8 * 1024);
    try (EmbeddedMongo mongo = EmbeddedMongo.over(backend)) {
      List<MongoClient> clients = new ArrayList<>();
      List<Future<?>> writes = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri())
          .put("db_name", "durability").put("maxPoolSize", 4));
        clients.add(client);
        for (int i = 0; i < 300; i++) {
          String id = c + "-" + i;
          // each document inserted, then changed: the snapshot may read either version, the latest must win
          writes.add(client.insert("messages", new JsonObject().put("_id", id).put("v", 1).put("pad", "x".repeat(100)))
            .compose(v -> client.updateCollection("messages", new JsonObject().put("_id", id),
              new JsonObject().put("$set", new JsonObject().put("v", 2))))
            .compose(v -> id.endsWith("7") ? client.removeDocument("messages", new JsonObject().put("_id", id)) : Future.succeededFuture()));
        }
      }
      Future.all(writes).await();
      killed = killedCopy(file);
      for (MongoClient client : clients) {
        client.close().await();
      }
      // a failed compaction leaves the data intact, so only this shows it
      assertThat(backend.compactionFailures()).isZero();
    }
    try (EmbeddedMongo restarted = EmbeddedMongo.inJournal(killed)) {
      MongoClient client = client(restarted);
      assertThat(client.count("messages", new JsonObject()).await()).isEqualTo(4 * 270L);
      assertThat(client.count("messages", new JsonObject().put("v", 2)).await()).isEqualTo(4 * 270L);
      client.close().await();
    }
  }

  /** The journal as a process killed at this instant leaves it: no shutdown, nothing written later. */
  private Path killedCopy(Path file) throws Exception {
    Path copy = dir.resolve("killed-" + System.nanoTime()).resolve(file.getFileName());
    Files.createDirectories(copy.getParent());
    Files.copy(file, copy);
    return copy;
  }

  private MongoClient client(EmbeddedMongo mongo) {
    return MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri()).put("db_name", "durability"));
  }
}
