package io.rtchat.media;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.MediaReleased;
import io.rtchat.common.Ids;
import io.rtchat.common.Metrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deletes what nothing uses, so that its bytes leave S3 and its size leaves the owner's quota:
 * <ul>
 *   <li>a completed upload that no message holds and that is nobody's avatar, once due: the grace period after it
 *   was completed or last handed to a message or a profile, or shortly after a release (its message was deleted, the
 *   avatar replaced). chat-service and auth-service are asked first, and a media still in use is kept;</li>
 *   <li>an object under {@code uploads/} whose slot is no longer pending, once its presigned PUT has expired (a PUT
 *   after {@code complete} writes one that nothing serves).</li>
 * </ul>
 * Safe with several instances: a media is taken by one conditional update ({@code ready} with the {@code sweepAfter}
 * that was looked at, so a use or release in between wins), its objects are deleted, then its record; deletes are
 * idempotent and a run that fails halfway leaves the media {@code reclaiming} for the next run. Bounded: at most
 * {@link #BATCH} media and one listing page of {@link #BATCH} keys per run, one run at a time per instance.
 */
final class Reclamation {

  private static final Logger log = LoggerFactory.getLogger(Reclamation.class);
  static final int BATCH = 100;

  /** What one run did. */
  record Pass(int reclaimed, int kept, int strayUploads) {

    boolean any() {
      return reclaimed + kept + strayUploads > 0;
    }
  }

  private final MediaStore store;
  private final S3Storage storage;
  private final ChatService chats;
  private final AuthService auth;
  private final MediaPolicy policy;
  private boolean running;
  private String uploadsCursor;

  Reclamation(MediaStore store, S3Storage storage, ChatService chats, AuthService auth, MediaPolicy policy) {
    this.store = store;
    this.storage = storage;
    this.chats = chats;
    this.auth = auth;
    this.policy = policy;
  }

  /** One run: leftovers of earlier runs, the media due, a page of upload keys (a run still going answers an empty pass). */
  Future<Pass> run() {
    if (running) {
      return Future.succeededFuture(new Pass(0, 0, 0));
    }
    running = true;
    Instant now = Instant.now();
    return finishReclaiming()
      .compose(leftovers -> reviewDue(now).map(review -> new Pass(leftovers + review.reclaimed(), review.kept(), 0)))
      .compose(pass -> strayUploads(now).map(strays -> new Pass(pass.reclaimed(), pass.kept(), strays)))
      .onSuccess(pass -> {
        if (pass.any()) {
          log.info("media reclamation reclaimed={} kept={} strayUploads={}", pass.reclaimed(), pass.kept(), pass.strayUploads());
        }
      })
      .onFailure(err -> log.warn("media reclamation incomplete, next run retries error={}", err.toString()))
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      });
  }

  /**
   * A release event ({@code {mediaIds}} or {@code {chatId}}): those media become due a little later (not at once: a
   * send that was checking the same media at this moment must have stored its message before anyone asks).
   */
  Future<Long> release(MediaReleased event) {
    JsonObject which;
    String chatId = event.getChatId();
    List<String> ids = event.getMediaIds().stream().filter(Ids::isValid).distinct().toList();
    if (!ids.isEmpty()) {
      which = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids)));
    } else if (Ids.isValid(chatId)) {
      which = new JsonObject().put("chatId", chatId).put("purpose", MediaPolicy.ATTACHMENT);
    } else {
      return Future.succeededFuture(0L);
    }
    return store.release(which, Instant.now().plus(policy.releaseDelay()))
      .onSuccess(n -> log.info("media released count={} chatId={}", n, chatId == null ? "" : chatId))
      .onFailure(err -> log.warn("media release not recorded, those media stay stored error={}", err.toString()));
  }

  /** Media a failed or interrupted run took but did not finish. */
  private Future<Integer> finishReclaiming() {
    return store.reclaiming(BATCH).compose(taken -> countTrue(taken.stream().map(this::deleteObjects).toList()));
  }

  private record Review(int reclaimed, int kept) {
  }

  private Future<Review> reviewDue(Instant now) {
    return store.dueForReview(now, BATCH).compose(due -> {
      if (due.isEmpty()) {
        return Future.succeededFuture(new Review(0, 0));
      }
      List<String> attachments = idsWhere(due, true);
      List<String> avatars = idsWhere(due, false);
      Future<List<String>> held = attachments.isEmpty() ? Future.succeededFuture(List.of()) : chats.referencedMedia(attachments);
      Future<List<String>> worn = avatars.isEmpty() ? Future.succeededFuture(List.of()) : auth.avatarsInUse(avatars);
      // Either service unreachable: nothing is decided, the next run asks again.
      return Future.all(held, worn).compose(answers -> {
        Set<String> used = new HashSet<>(held.result());
        used.addAll(worn.result());
        List<Future<Boolean>> kept = due.stream().filter(m -> used.contains(m.getString("_id")))
          .map(m -> store.keep(m.getString("_id"), m.getValue("sweepAfter")).map(true)).toList();
        List<Future<Boolean>> reclaimed = due.stream().filter(m -> !used.contains(m.getString("_id")))
          .map(m -> store.startReclaiming(m.getString("_id"), m.getValue("sweepAfter"), now)
            .compose(taken -> taken == null ? Future.succeededFuture(false) : deleteObjects(taken)))
          .toList();
        return countTrue(kept).compose(k -> countTrue(reclaimed).map(r -> new Review(r, k)));
      });
    });
  }

  private static List<String> idsWhere(List<JsonObject> due, boolean attachment) {
    return due.stream().filter(m -> ReclaimRules.attachment(m.getString("purpose")) == attachment)
      .map(m -> m.getString("_id")).toList();
  }

  /**
   * The original, its thumbnail (also one a thumbnail render may have written meanwhile) and any upload key, then the
   * record; true for the one caller that removed the record.
   */
  private Future<Boolean> deleteObjects(JsonObject media) {
    String id = media.getString("_id");
    String key = media.getString("key");
    String thumbnailKey = media.getString("thumbnailKey");
    Future<Void> original = key == null ? Future.succeededFuture() : storage.delete(key);
    return original
      .compose(v -> storage.delete(thumbnailKey != null ? thumbnailKey : MediaKeys.thumbnail(id)))
      .compose(v -> thumbnailKey != null && !thumbnailKey.equals(MediaKeys.thumbnail(id))
        ? storage.delete(MediaKeys.thumbnail(id)) : Future.<Void>succeededFuture())
      .compose(v -> storage.delete(MediaKeys.upload(id)))
      .compose(v -> store.deleteReclaimed(id))
      .onSuccess(removed -> {
        if (removed) {
          Metrics.count("rtchat_media_reclaimed", "Media deleted because nothing used them", "what", "media");
          log.info("media reclaimed mediaId={} userId={} purpose={} size={}", id, media.getString("uploader"),
            media.getString("purpose"), media.getLong("size"));
        }
      });
  }

  /** One page of {@code uploads/}: each object whose slot is done and whose PUT URL has expired goes. */
  private Future<Integer> strayUploads(Instant now) {
    return storage.list(ReclaimRules.UPLOADS_PREFIX, uploadsCursor, BATCH).compose(page -> {
      uploadsCursor = page.next(); // null after the last page: the next run starts over
      List<String> ids = page.objects().stream().map(o -> ReclaimRules.mediaIdOfUpload(o.key()))
        .filter(Objects::nonNull).toList();
      Future<Map<String, String>> statuses = ids.isEmpty()
        ? Future.succeededFuture(Map.of()) : store.statusesOf(ids);
      return statuses.compose(status -> countTrue(page.objects().stream()
        .filter(o -> ReclaimRules.strayUpload(o.lastModified(), status.get(ReclaimRules.mediaIdOfUpload(o.key())), now,
          policy.uploadTtl()))
        .map(o -> storage.delete(o.key()).map(v -> {
          Metrics.count("rtchat_media_reclaimed", "Media deleted because nothing used them", "what", "stray_upload");
          log.info("stray upload deleted key={}", o.key());
          return true;
        }))
        .toList()));
    });
  }

  /** How many succeeded with true; each failure is logged and left for the next run. */
  private static Future<Integer> countTrue(List<Future<Boolean>> all) {
    return Future.join(all).transform(done -> {
      int n = 0;
      for (Future<Boolean> f : all) {
        if (f.failed()) {
          log.warn("media reclamation step failed, next run retries error={}", f.cause().toString());
        } else if (Boolean.TRUE.equals(f.result())) {
          n++;
        }
      }
      return Future.succeededFuture(n);
    });
  }
}
