package io.rtchat.common.embedded;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DurableH2BackendTest {

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void everyAcknowledgedWriteIsInTheFileWhenTheProcessDiesRightAfterIt() throws Exception {
    Path file = dir.resolve("mongo").resolve("rtchat.mv");
    Path killedCopy = dir.resolve("killed").resolve("rtchat.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.inH2File(file)) {
      MongoClient client = client(mongo);
      for (int i = 1; i <= 20; i++) {
        client.insert("messages", new JsonObject().put("_id", "m" + i).put("seq", i)).await();
      }
      client.updateCollection("messages", new JsonObject().put("_id", "m20"),
        new JsonObject().put("$set", new JsonObject().put("edited", true))).await();
      // The file as a process killed at this instant leaves it: no shutdown, no later commit.
      Files.createDirectories(killedCopy.getParent());
      Files.copy(file, killedCopy);
      client.close().await();
    }
    try (EmbeddedMongo restarted = EmbeddedMongo.inH2File(killedCopy)) {
      MongoClient client = client(restarted);
      assertThat(client.count("messages", new JsonObject()).await()).isEqualTo(20L);
      assertThat(client.findOne("messages", new JsonObject().put("_id", "m20"), null).await().getBoolean("edited")).isTrue();
      client.close().await();
    }
  }

  private MongoClient client(EmbeddedMongo mongo) {
    return MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.uri()).put("db_name", "durability"));
  }
}
