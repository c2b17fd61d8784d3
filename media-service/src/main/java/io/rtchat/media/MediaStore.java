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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every query of the {@code media} collection. A media is {@code pending} (a slot), {@code ready} (completed) or
 * {@code reclaiming} (its objects are being deleted: nobody sees it any more, and it no longer counts against the
 * quota). A ready media's {@code sweepAfter} is when the reclamation sweep next asks whether anything still uses it;
 * absent means something did when last asked, until a release sets it again.
 */
public class MediaStore {

  static final String MEDIA = "media";
  static final String PENDING = "pending";
  static final String READY = "ready";
  static final String RECLAIMING = "reclaiming";

  private final MongoClient mongo;

  public MediaStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.index(mongo, MEDIA, new JsonObject().put("status", 1).put("expiresAt", 1))
      .compose(v -> Mongo.index(mongo, MEDIA, new JsonObject().put("chatId", 1).put("uploadedAt", -1)))
      .compose(v -> Mongo.index(mongo, MEDIA, new JsonObject().put("uploader", 1)))
      .compose(v -> Mongo.index(mongo, MEDIA, new JsonObject().put("status", 1).put("sweepAfter", 1)));
  }

  public Future<Void> insert(JsonObject media) {
    return mongo.insert(MEDIA, media).mapEmpty();
  }

  /** The media, or null when there is none or it is being reclaimed. */
  public Future<JsonObject> byId(String id) {
    return mongo.findOne(MEDIA, new JsonObject().put("_id", id).put("status", notReclaiming()), null);
  }

  public Future<List<JsonObject>> byIds(List<String> ids) {
    return mongo.find(MEDIA, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids)))
      .put("status", notReclaiming()));
  }

  /** The status of each of these records that exists, in any state (reclaiming included). */
  public Future<Map<String, String>> statusesOf(List<String> ids) {
    return mongo.findWithOptions(MEDIA, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))),
        new FindOptions().setFields(new JsonObject().put("status", 1)))
      .map(found -> found.stream().collect(Collectors.toMap(doc -> doc.getString("_id"), doc -> doc.getString("status"))));
  }

  private static JsonObject notReclaiming() {
    return new JsonObject().put("$ne", RECLAIMING);
  }

  /**
   * Marks a pending, unexpired slot of this uploader ready (one atomic update with the preconditions in the filter).
   * Answers the ready document, or null when the slot was not in that state.
   */
  public Future<JsonObject> markReady(String id, String uploader, String storedKey, Instant now, Instant sweepAfter) {
    JsonObject query = new JsonObject()
      .put("_id", id)
      .put("uploader", uploader)
      .put("status", PENDING)
      .put("expiresAt", new JsonObject().put("$gt", Dates.of(now)));
    JsonObject update = new JsonObject()
      .put("$set", new JsonObject().put("status", READY).put("key", storedKey).put("uploadedAt", Dates.of(now))
        .put("sweepAfter", Dates.of(sweepAfter)))
      .put("$unset", new JsonObject().put("expiresAt", ""));
    return mongo.findOneAndUpdateWithOptions(MEDIA, query, update, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  public Future<Void> setThumbnail(String id, String key, String contentType) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("thumbnailKey", key).put("thumbnailType", contentType)
      .put("thumbnail", new JsonObject().put("status", "ready")));
    return mongo.updateCollection(MEDIA, new JsonObject().put("_id", id).put("status", READY), update).mapEmpty();
  }

  /** No thumbnail will be made, and why (the image is still served as itself). */
  public Future<Void> setThumbnailFailed(String id, String reason) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("thumbnail", new JsonObject().put("status", "failed").put("reason", reason)));
    return mongo.updateCollection(MEDIA, new JsonObject().put("_id", id).put("status", READY), update).mapEmpty();
  }

  /**
   * A message or a profile is about to hold these ready media: each one's next look by the sweep moves to
   * {@code sweepAfter}, which also makes a reclamation decided on an older look fail. False when one of them is not
   * ready any more (the sweep took it first).
   */
  public Future<Boolean> markInUse(List<String> ids, Instant now, Instant sweepAfter) {
    JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))).put("status", READY);
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("usedAt", Dates.of(now)).put("sweepAfter", Dates.of(sweepAfter)));
    return mongo.updateCollectionWithOptions(MEDIA, query, update, new UpdateOptions().setMulti(true))
      .map(r -> r.getDocMatched() == ids.size());
  }

  /** Something stopped holding these media (by id, or every attachment of a chat): the sweep looks at them then. */
  public Future<Long> release(JsonObject which, Instant sweepAfter) {
    JsonObject query = which.copy().put("status", READY);
    return mongo.updateCollectionWithOptions(MEDIA, query,
        new JsonObject().put("$set", new JsonObject().put("sweepAfter", Dates.of(sweepAfter))),
        new UpdateOptions().setMulti(true))
      .map(r -> r.getDocMatched());
  }

  /** Ready media due for a look by the sweep, the longest due first. */
  public Future<List<JsonObject>> dueForReview(Instant now, int limit) {
    JsonObject query = new JsonObject().put("status", READY).put("sweepAfter", new JsonObject().put("$lte", Dates.of(now)));
    return mongo.findWithOptions(MEDIA, query, new FindOptions().setLimit(limit)
      .setSort(new JsonObject().put("sweepAfter", 1))
      .setFields(new JsonObject().put("purpose", 1).put("sweepAfter", 1).put("uploader", 1)));
  }

  /** Still in use: no more looks until something releases it (unless it was used or released since the look). */
  public Future<Void> keep(String id, Object sweepAfterSeen) {
    return mongo.updateCollection(MEDIA, lookedAt(id, sweepAfterSeen),
      new JsonObject().put("$unset", new JsonObject().put("sweepAfter", ""))).mapEmpty();
  }

  /**
   * Unused when looked at: it becomes {@code reclaiming} unless it was used or released since the look (or another
   * sweeper took it). Answers the document when this caller won it, else null.
   */
  public Future<JsonObject> startReclaiming(String id, Object sweepAfterSeen, Instant now) {
    JsonObject update = new JsonObject()
      .put("$set", new JsonObject().put("status", RECLAIMING).put("reclaimingSince", Dates.of(now)))
      .put("$unset", new JsonObject().put("sweepAfter", ""));
    return mongo.findOneAndUpdateWithOptions(MEDIA, lookedAt(id, sweepAfterSeen), update, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  private static JsonObject lookedAt(String id, Object sweepAfterSeen) {
    return new JsonObject().put("_id", id).put("status", READY)
      .put("sweepAfter", Dates.of(Dates.toInstant(sweepAfterSeen)));
  }

  /** Media whose objects are being deleted (also those a crashed or failed run left behind). */
  public Future<List<JsonObject>> reclaiming(int limit) {
    return mongo.findWithOptions(MEDIA, new JsonObject().put("status", RECLAIMING),
      new FindOptions().setLimit(limit).setSort(new JsonObject().put("reclaimingSince", 1)));
  }

  /** Removes a reclaimed record; true for the one caller that removed it. */
  public Future<Boolean> deleteReclaimed(String id) {
    return mongo.removeDocuments(MEDIA, new JsonObject().put("_id", id).put("status", RECLAIMING))
      .map(r -> r.getRemovedCount() == 1);
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
