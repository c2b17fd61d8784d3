package io.rtchat.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import io.vertx.ext.mongo.impl.config.MongoClientOptionsParser;
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
      .put("connection_string", withTimeout(config.get(Setting.MONGO_URI), config.getInt(Setting.MONGO_TIMEOUT_MILLIS)))
      .put("db_name", config.get(Setting.MONGO_DB))
      .put("w", writeConcern(config.get(Setting.MONGO_WRITE_CONCERN)))
      .put("j", config.getBoolean(Setting.MONGO_WRITE_JOURNAL));
    // The settings Vert.x would build from these options, plus a command listener for the rtchat_mongo_* metrics.
    MongoClientSettings settings = MongoClientSettings.builder(new MongoClientOptionsParser(vertx, options).settings())
      .addCommandListener(new MongoMetrics()).build();
    return unavailableWhenUnreachable(MongoClient.createWithMongoSettings(vertx, options, POOL, settings));
  }

  /**
   * Without a bound the driver waits 30 s for a server before failing, longer than a client waits for an answer:
   * an unreachable database then shows as timeouts instead of a clear 503.
   */
  static String withTimeout(String uri, int millis) {
    if (uri.contains("serverSelectionTimeoutMS=")) {
      return uri;
    }
    String sep = uri.contains("?") ? "&" : (uri.matches("mongodb(\\+srv)?://[^/]*") ? "/?" : "?");
    return uri + sep + "serverSelectionTimeoutMS=" + millis;
  }

  /**
   * The client, with every failure that means "the database cannot be reached" turned into 503
   * {@code service.unavailable}: services keep their code free of driver exceptions, clients get a code they can
   * retry on, and once MongoDB is back the same client (the driver reconnects by itself) serves again.
   */
  static MongoClient unavailableWhenUnreachable(MongoClient client) {
    return (MongoClient) java.lang.reflect.Proxy.newProxyInstance(MongoClient.class.getClassLoader(),
      new Class<?>[] {MongoClient.class}, (proxy, method, args) -> {
        Object result;
        try {
          result = method.invoke(client, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
        if (result instanceof Future<?> future) {
          return future.recover(err -> unreachable(err)
            ? Errors.fail(ErrorCode.UNAVAILABLE, "The database is not reachable; try again shortly")
            : Future.failedFuture(err));
        }
        return result == client ? proxy : result;
      });
  }

  static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof com.mongodb.MongoTimeoutException || t instanceof com.mongodb.MongoSocketException
        || t instanceof com.mongodb.MongoClientException && String.valueOf(t.getMessage()).contains("state should be: open")) {
        return true;
      }
    }
    return false;
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

  /** Drops an index that an earlier version created, when it is there (a replaced index must not keep refusing). */
  public static Future<Void> dropIndexIfPresent(MongoClient mongo, String collection, String indexName) {
    return mongo.listIndexes(collection)
      .compose(indexes -> indexes.stream().anyMatch(i -> i instanceof JsonObject o && indexName.equals(o.getString("name")))
        ? mongo.dropIndex(collection, indexName)
        : Future.succeededFuture());
  }

  /** Answers when the database answers a ping: the readiness check. */
  public static Future<Void> ping(MongoClient mongo) {
    return mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }
}
