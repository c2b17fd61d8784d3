package io.rtchat.media;

import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.List;

/** Every query of the {@code media} collection. */
public class MediaStore {

  static final String MEDIA = "media";
  static final String PENDING = "pending";
  static final String READY = "ready";

  private final MongoClient mongo;

  public MediaStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.index(mongo, MEDIA, new JsonObject().put("status", 1).put("expiresAt", 1))
      .compose(v -> Mongo.index(mongo, MEDIA, new JsonObject().put("chatId", 1).put("uploadedAt", -1)))
      .compose(v -> Mongo.index(mongo, MEDIA, new JsonObject().put("uploader", 1)));
  }

  public Future<Void> insert(JsonObject media) {
    return mongo.insert(MEDIA, media).mapEmpty();
  }

  public Future<JsonObject> byId(String id) {
    return mongo.findOne(MEDIA, new JsonObject().put("_id", id), null);
  }

  public Future<List<JsonObject>> byIds(List<String> ids) {
    return mongo.find(MEDIA, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))));
  }

  /**
   * Marks a pending, unexpired slot of this uploader ready (one atomic update with the preconditions in the filter).
   * Answers the ready document, or null when the slot was not in that state.
   */
  public Future<JsonObject> markReady(String id, String uploader, String storedKey, Instant now) {
    JsonObject query = new JsonObject()
      .put("_id", id)
      .put("uploader", uploader)
      .put("status", PENDING)
      .put("expiresAt", new JsonObject().put("$gt", Dates.of(now)));
    JsonObject update = new JsonObject()
      .put("$set", new JsonObject().put("status", READY).put("key", storedKey).put("uploadedAt", Dates.of(now)))
      .put("$unset", new JsonObject().put("expiresAt", ""));
    return mongo.findOneAndUpdateWithOptions(MEDIA, query, update, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  public Future<Void> setThumbnail(String id, String key, String contentType) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("thumbnailKey", key).put("thumbnailType", contentType));
    return mongo.updateCollection(MEDIA, new JsonObject().put("_id", id).put("status", READY), update).mapEmpty();
  }

  /** Pending slots whose time ran out, oldest first. */
  public Future<List<JsonObject>> expiredPending(Instant now, int limit) {
    JsonObject query = new JsonObject()
      .put("status", PENDING)
      .put("expiresAt", new JsonObject().put("$lte", Dates.of(now)));
    return mongo.findWithOptions(MEDIA, query, new FindOptions().setLimit(limit)
      .setSort(new JsonObject().put("expiresAt", 1)));
  }

  /** Deletes the slot if it is still pending and expired (a completion that won the race keeps it). */
  public Future<Boolean> deleteExpiredPending(String id, Instant now) {
    JsonObject query = new JsonObject()
      .put("_id", id)
      .put("status", PENDING)
      .put("expiresAt", new JsonObject().put("$lte", Dates.of(now)));
    return mongo.removeDocuments(MEDIA, query).map(r -> r.getRemovedCount() == 1);
  }
}
