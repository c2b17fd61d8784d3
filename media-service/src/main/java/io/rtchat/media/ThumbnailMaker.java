package io.rtchat.media;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders an image's thumbnail after completion, in the background. Whatever the image, a failure only means no
 * thumbnail: it is recorded on the media ({@code thumbnail: {status: "failed", reason}}) and the upload stays usable
 * as a file (its thumbnail URL serves the original).
 */
class ThumbnailMaker {

  private static final Logger log = LoggerFactory.getLogger(ThumbnailMaker.class);

  private final Context context;
  private final MediaStore store;
  private final S3Storage storage;
  private final MediaPolicy policy;
  private final ThumbnailPool pool;
  private final MemoryBudget budget;

  ThumbnailMaker(Context context, MediaStore store, S3Storage storage, MediaPolicy policy, ThumbnailPool pool,
                 MemoryBudget budget) {
    this.context = context;
    this.store = store;
    this.storage = storage;
    this.policy = policy;
    this.pool = pool;
    this.budget = budget;
  }

  /** Makes the thumbnail, or records why not; the future completes once either is stored. */
  Future<Void> make(JsonObject media) {
    String id = media.getString("_id");
    String key = MediaKeys.thumbnail(id);
    long size = media.getLong("size", Long.MAX_VALUE);
    if (size > policy.thumbnailSourceMax()) {
      return failed(id, new ThumbnailRefused("file too large to thumbnail: " + size + " bytes"));
    }
    // A ranged read: never more than the cap in memory, whatever the object turned out to be.
    return storage.firstBytes(media.getString("key"), (int) policy.thumbnailSourceMax() + 1)
      .compose(bytes -> bytes.length > policy.thumbnailSourceMax()
        ? Future.failedFuture(new ThumbnailRefused("file too large to thumbnail"))
        : pool.submit(context, () -> Thumbnails.render(bytes, policy.imageLimits(), budget)))
      .compose(thumb -> storage.write(key, thumb.bytes(), thumb.contentType())
        .compose(v -> store.setThumbnail(id, key, thumb.contentType())))
      .onSuccess(v -> log.debug("thumbnail done mediaId={}", id))
      .recover(err -> failed(id, err));
  }

  private Future<Void> failed(String id, Throwable err) {
    String reason = err instanceof ThumbnailRefused refused ? refused.reason() : "unreadable image";
    log.info("no thumbnail mediaId={} reason={} error={}", id, reason, err.toString());
    return store.setThumbnailFailed(id, reason)
      .onFailure(e -> log.warn("thumbnail failure not recorded mediaId={} error={}", id, e.toString()));
  }
}
