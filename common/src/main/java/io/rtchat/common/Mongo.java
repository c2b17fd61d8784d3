package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import com.mongodb.MongoWriteException;
import com.mongodb.MongoCommandException;

/** One shared MongoDB client per Vert.x instance, and the few Mongo facts every store needs. */
public final class Mongo {

  private static final String POOL = "rtchat";

  private Mongo() {
  }

  public static MongoClient client(Vertx vertx, Config config) {
    if (!config.isSet(Setting.MONGO_URI)) {
      throw new IllegalStateException("MONGO_URI is not set: start the embedded defaults first (EmbeddedDefaults)");
    }
    JsonObject options = new JsonObject()
      .put("connection_string", config.get(Setting.MONGO_URI))
      .put("db_name", config.get(Setting.MONGO_DB))
      .put("w", writeConcern(config.get(Setting.MONGO_WRITE_CONCERN)))
      .put("j", config.getBoolean(Setting.MONGO_WRITE_JOURNAL));
    return MongoClient.createShared(vertx, options, POOL);
  }

  /** "majority" (or a tag set name) stays a string; a number of members becomes the number the driver expects. */
  private static Object writeConcern(String w) {
    String value = w.trim();
    return value.chars().allMatch(Character::isDigit) && !value.isEmpty() ? Integer.valueOf(value) : value;
  }

  /** True when a write failed on a unique index (E11000): the caller turns it into a 409 or an idempotent answer. */
  public static boolean isDuplicateKey(Throwable failure) {
    Throwable t = failure;
    while (t != null) {
      if (t instanceof MongoWriteException we && we.getError().getCode() == 11000) {
        return true;
      }
      if (t instanceof MongoCommandException ce && ce.getErrorCode() == 11000) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().contains("E11000")) {
        return true;
      }
      t = t.getCause();
    }
    return false;
  }

  public static Future<Void> index(MongoClient mongo, String collection, JsonObject keys) {
    return mongo.createIndexWithOptions(collection, keys, new IndexOptions());
  }

  public static Future<Void> uniqueIndex(MongoClient mongo, String collection, JsonObject keys) {
    return mongo.createIndexWithOptions(collection, keys, new IndexOptions().unique(true));
  }

  /** Answers when the database answers a ping: the readiness check. */
  public static Future<Void> ping(MongoClient mongo) {
    return mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }
}
