package io.rtchat.media;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Deletes upload slots that were never completed, a batch per run ({@link MediaVerticle} runs it periodically): the
 * object first, then the slot, so a failed S3 call leaves the slot for the next run. One run at a time per instance;
 * a completion racing the sweep keeps its slot (the delete's filter requires it still pending and expired).
 */
class ExpirySweep {

  private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);
  static final int BATCH = 100;

  private final MediaStore store;
  private final S3Storage storage;
  private boolean running;

  ExpirySweep(MediaStore store, S3Storage storage) {
    this.store = store;
    this.storage = storage;
  }

  /** How many expired slots this run handled (0 when a run is still going). */
  Future<Integer> run() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    Instant now = Instant.now();
    return store.expiredPending(now, BATCH)
      .compose(expired -> Future.join(expired.stream()
        .map(media -> storage.delete(media.getString("key"))
          .compose(v -> store.deleteExpiredPending(media.getString("_id"), now)))
        .toList()).map(all -> expired.size()))
      .onSuccess(n -> {
        if (n > 0) {
          log.info("expired upload slots swept count={}", n);
        }
      })
      .onFailure(err -> log.warn("expiry sweep incomplete, next run retries error={}", err.toString()))
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      });
  }
}
