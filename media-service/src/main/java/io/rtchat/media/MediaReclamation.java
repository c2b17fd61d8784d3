package io.rtchat.media;

import io.rtchat.common.Dates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes stored objects nothing serves. Today: the {@code uploads/<id>} object of a completed media. {@code complete}
 * deletes it, but the presigned PUT stays valid until the slot's lifetime ends, and a PUT meanwhile stores an object
 * of the declared size again. Once that lifetime is over no PUT can land there, so one delete per media, after it,
 * clears whatever was left; {@code uploadCleared} records that it was done.
 */
final class MediaReclamation {

  private static final Logger log = LoggerFactory.getLogger(MediaReclamation.class);
  private static final int BATCH = 100;

  private final MongoClient mongo;
  private final S3Storage storage;
  private final Duration uploadTtl;
  private boolean running;

  MediaReclamation(MongoClient mongo, S3Storage storage, Duration uploadTtl) {
    this.mongo = mongo;
    this.storage = storage;
    this.uploadTtl = uploadTtl;
  }

  /** One pass (skipped while the previous one runs); answers how many left-over upload keys were cleared. */
  Future<Integer> sweep() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    // A slot's URL was presigned at createdAt for uploadTtl; a second more covers clock rounding.
    Instant urlsDeadBefore = Instant.now().minus(uploadTtl).minusSeconds(1);
    JsonObject query = new JsonObject()
      .put("status", MediaStore.READY)
      .put("uploadCleared", new JsonObject().put("$exists", false))
      .put("createdAt", new JsonObject().put("$lte", Dates.of(urlsDeadBefore)));
    return mongo.findWithOptions(MediaStore.MEDIA, query, new FindOptions().setLimit(BATCH)
        .setFields(new JsonObject().put("_id", 1).put("key", 1)))
      .compose(found -> Future.join(found.stream().map(this::clearUpload).toList()).map(all -> found.size()))
      .onSuccess(n -> {
        if (n > 0) {
          log.info("left-over upload objects cleared count={}", n);
        }
      })
      .onFailure(err -> log.warn("reclamation sweep incomplete, next run retries error={}", err.toString()))
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      });
  }

  private Future<Void> clearUpload(JsonObject media) {
    String id = media.getString("_id");
    String uploadKey = MediaServiceImpl.uploadKey(id);
    // A media completed before uploads had their own key is stored under it: never delete what is served.
    Future<Void> deleted = uploadKey.equals(media.getString("key")) ? Future.succeededFuture() : storage.delete(uploadKey);
    return deleted.compose(v -> mongo.updateCollection(MediaStore.MEDIA, new JsonObject().put("_id", id),
      new JsonObject().put("$set", new JsonObject().put("uploadCleared", true)))).mapEmpty();
  }
}
