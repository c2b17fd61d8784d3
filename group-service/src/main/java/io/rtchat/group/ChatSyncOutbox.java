package io.rtchat.group;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.List;

/**
 * The groups whose chat may not follow their membership yet ({@code group_chat_outbox}: {@code _id} the group id,
 * {@code mark}, {@code since}). A membership change marks its group <em>before</em> it changes the group, so even a
 * deletion, which leaves no group document to look at, is remembered; the mark goes once chat-service has confirmed.
 * MongoDB without transactions cannot write the mark and the change together, hence this order: a mark without a
 * change only costs a look.
 */
class ChatSyncOutbox {

  static final String OUTBOX = "group_chat_outbox";

  private final MongoClient mongo;

  ChatSyncOutbox(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> createIndexes() {
    return Mongo.index(mongo, OUTBOX, new JsonObject().put("since", 1));
  }

  /**
   * Marks the group as to be followed; answers this mark's token. A later change marks it anew, so a clear with an
   * older token leaves the newer change's mark in place.
   */
  Future<String> mark(String groupId) {
    String token = Ids.newId();
    // two upserts of one new _id at once: the loser's write finds the document the second time
    return write(groupId, token).recover(err -> Mongo.isDuplicateKey(err) ? write(groupId, token) : Future.failedFuture(err))
      .map(v -> token);
  }

  private Future<Void> write(String groupId, String token) {
    return mongo.updateCollectionWithOptions(OUTBOX, new JsonObject().put("_id", groupId),
        new JsonObject().put("$set", new JsonObject().put("mark", token).put("since", Dates.now())),
        new UpdateOptions().setUpsert(true))
      .mapEmpty();
  }

  /** The chat followed the change that made this mark. */
  Future<Void> clear(String groupId, String token) {
    return mongo.removeDocument(OUTBOX, new JsonObject().put("_id", groupId).put("mark", token)).mapEmpty();
  }

  /** Marks set before {@code cutoff}, oldest first: changes whose own request did not see them through. */
  Future<List<JsonObject>> due(Instant cutoff, int limit) {
    return mongo.findWithOptions(OUTBOX, new JsonObject().put("since", new JsonObject().put("$lt", Dates.of(cutoff))),
      new FindOptions().setSort(new JsonObject().put("since", 1)).setLimit(limit));
  }
}
