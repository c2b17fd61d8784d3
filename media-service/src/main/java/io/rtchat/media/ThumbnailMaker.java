package io.rtchat.media;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders an image's thumbnail after completion, in the background; a failure only means no thumbnail. */
class ThumbnailMaker {

  private static final Logger log = LoggerFactory.getLogger(ThumbnailMaker.class);

  private final MediaStore store;
  private final S3Storage storage;
  private final MediaPolicy policy;
  /** Decoding images takes memory: at most two at a time, apart from the shared worker pool. */
  private final WorkerExecutor imageWorkers;

  ThumbnailMaker(MediaStore store, S3Storage storage, MediaPolicy policy, WorkerExecutor imageWorkers) {
    this.store = store;
    this.storage = storage;
    this.policy = policy;
    this.imageWorkers = imageWorkers;
  }

  void make(JsonObject media) {
    String id = media.getString("_id");
    String key = MediaKeys.thumbnail(id);
    long size = media.getLong("size", Long.MAX_VALUE);
    if (size > policy.thumbnailSourceMax()) {
      log.debug("no thumbnail for a large image mediaId={} size={}", id, size);
      return;
    }
    // A ranged read: never more than the cap in memory, whatever the object turned out to be.
    storage.firstBytes(media.getString("key"), (int) policy.thumbnailSourceMax() + 1)
      .compose(bytes -> bytes.length > policy.thumbnailSourceMax()
        ? Future.succeededFuture(null)
        : imageWorkers.executeBlocking(() -> Thumbnails.render(bytes), false))
      .compose(thumb -> thumb == null
        ? Future.<Void>succeededFuture()
        : storage.write(key, thumb.bytes(), thumb.contentType()).compose(v -> store.setThumbnail(id, key, thumb.contentType())))
      .onSuccess(v -> log.debug("thumbnail done mediaId={}", id))
      .onFailure(err -> log.warn("no thumbnail mediaId={} error={}", id, err.toString()));
  }
}
