package io.rtchat.chat.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one-off rewrites of data stored by earlier versions, run once per database at start before this instance takes
 * any send. Each is marked done in {@code migrations}, so running them again (every start, every instance) only reads
 * the marker; each rewrite is conditional, so two instances starting together change nothing twice.
 */
public final class ChatMigrations {

  private static final Logger log = LoggerFactory.getLogger(ChatMigrations.class);
  private static final String MIGRATIONS = "migrations";
  private static final String SEQ_FIRST_SUMMARIES = "chats.lastMessage.seq-first";

  private final MongoClient mongo;

  public ChatMigrations(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Every migration, in order. */
  public Future<Void> run() {
    return putSeqFirst();
  }

  /**
   * Rewrites the {@code lastMessage} summaries that earlier versions stored with their id first, so that
   * ChatStore.recordMessages' {@code $max} can replace them (a string compares above any number, so an id-first
   * summary would never be replaced). One bulk write; each rewrite is conditional on the summary still being that
   * message's.
   */
  Future<Void> putSeqFirst() {
    JsonObject marker = new JsonObject().put("_id", SEQ_FIRST_SUMMARIES);
    return mongo.findOne(MIGRATIONS, marker, null).compose(done -> done != null ? Future.succeededFuture() :
      mongo.findWithOptions(ChatStore.CHATS, new JsonObject().put("lastMessage", new JsonObject().put("$type", "object")),
          new FindOptions().setFields(new JsonObject().put("lastMessage", 1)))
        .compose(chats -> {
          List<BulkOperation> rewrites = chats.stream()
            .filter(chat -> !"seq".equals(chat.getJsonObject("lastMessage").fieldNames().iterator().next()))
            .map(chat -> {
              JsonObject old = chat.getJsonObject("lastMessage");
              return BulkOperation.createUpdate(
                new JsonObject().put("_id", chat.getString("_id")).put("lastMessage.id", old.getString("id")),
                new JsonObject().put("$set", new JsonObject().put("lastMessage",
                  new JsonObject().put("seq", old.getValue("seq")).mergeIn(old))));
            })
            .toList();
          return (rewrites.isEmpty() ? Future.<Void>succeededFuture()
            : mongo.bulkWriteWithOptions(ChatStore.CHATS, rewrites, new BulkWriteOptions(false)).<Void>mapEmpty())
            .onSuccess(v -> log.info("migration {}: {} chat summaries rewritten seq first", SEQ_FIRST_SUMMARIES, rewrites.size()));
        })
        .compose(v -> mongo.save(MIGRATIONS, marker).mapEmpty()));
  }
}
