package io.rtchat.media;

import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Completes an upload: the uploaded object is copied to its immutable key and checked there (it exists, has the
 * declared size, and images, audio and video start like the declared type) before the media becomes ready. A refused
 * object is deleted; the slot stays pending, so a correct upload may follow until it expires.
 */
class UploadCompletion {

  private static final Logger log = LoggerFactory.getLogger(UploadCompletion.class);

  private final Vertx vertx;
  private final MediaStore store;
  private final S3Storage storage;
  private final ContentCheck content;
  private final MediaAccess access;
  private final MediaViews views;
  private final ThumbnailMaker thumbnails;
  private final MediaPolicy policy;

  UploadCompletion(Vertx vertx, MediaStore store, S3Storage storage, ContentCheck content, MediaAccess access,
                   MediaViews views, ThumbnailMaker thumbnails, MediaPolicy policy) {
    this.policy = policy;
    this.vertx = vertx;
    this.store = store;
    this.storage = storage;
    this.content = content;
    this.access = access;
    this.views = views;
    this.thumbnails = thumbnails;
  }

  Future<JsonObject> complete(String userId, String mediaId) {
    return access.load(mediaId).compose(media -> {
      if (!media.getString("uploader").equals(userId)) {
        return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such upload");
      }
      if (MediaStore.READY.equals(media.getString("status"))) {
        return Future.succeededFuture(views.view(media)); // a retried completion
      }
      if (!Instant.now().isBefore(Dates.toInstant(media.getValue("expiresAt")))) {
        return expired();
      }
      String finalKey = MediaKeys.stored(mediaId);
      return seal(media, finalKey)
        .compose(v -> {
          Instant now = Instant.now();
          return store.markReady(mediaId, userId, finalKey, now, now.plus(policy.unsentGrace()));
        })
        .compose(ready -> ready != null ? Future.succeededFuture(ready) : readyMeanwhileOrExpired(mediaId, finalKey))
        .map(ready -> {
          log.info("media ready mediaId={} userId={} size={}", mediaId, userId, ready.getLong("size"));
          if ("image".equals(ready.getString("type")) && ready.getString("thumbnailKey") == null) {
            thumbnails.make(ready);
          }
          return views.view(ready);
        });
    });
  }

  /** The slot was not pending any more: a concurrent completion won (fine), or it expired (its copy goes). */
  private Future<JsonObject> readyMeanwhileOrExpired(String mediaId, String finalKey) {
    return store.byId(mediaId).compose(now -> now != null && MediaStore.READY.equals(now.getString("status"))
      ? Future.succeededFuture(now)
      : storage.delete(finalKey).recover(err -> Future.succeededFuture()).compose(x -> expired()));
  }

  private static <T> Future<T> expired() {
    return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "The upload slot has expired; ask for a new one");
  }

  /**
   * Copies the upload to its immutable key, checks the copy (a PUT racing the completion cannot change what was
   * checked), and deletes the upload key, so the presigned PUT stops mattering. A failed check deletes both.
   */
  private Future<Void> seal(JsonObject media, String finalKey) {
    String uploadKey = media.getString("key");
    if (uploadKey.equals(finalKey)) {
      return verifyObject(media, finalKey); // a slot made before uploads had their own key
    }
    return storage.head(uploadKey).compose(info -> info == null
        ? Errors.<Void>fail(ErrorCode.MEDIA_NOT_UPLOADED, "Nothing was uploaded yet: PUT the file to uploadUrl first")
        : storage.copy(uploadKey, finalKey))
      .compose(v -> verifyObject(media, finalKey)
        .recover(err -> storage.delete(finalKey).recover(e -> Future.succeededFuture())
          .compose(x -> Future.<Void>failedFuture(err))))
      .compose(v -> storage.delete(uploadKey).recover(err -> {
        log.warn("upload key not deleted mediaId={} error={}", media.getString("_id"), err.toString());
        return Future.succeededFuture();
      }));
  }

  /** The stored object exists, has the declared size, and (images, audio, video) starts like the declared type. */
  private Future<Void> verifyObject(JsonObject media, String key) {
    long declared = media.getLong("size");
    String fileType = media.getString("fileType");
    return storage.head(key).compose(info -> {
      if (info == null) {
        return Errors.fail(ErrorCode.MEDIA_NOT_UPLOADED, "Nothing was uploaded yet: PUT the file to uploadUrl first");
      }
      if (info.size() != declared) {
        return refuse(media, "The uploaded file has " + info.size() + " bytes, not the declared " + declared);
      }
      if ("file".equals(MediaPolicy.kindOf(fileType))) {
        return Future.succeededFuture();
      }
      return storage.firstBytes(key, ContentCheck.PREFIX_BYTES)
        .compose(prefix -> vertx.executeBlocking(() -> content.detect(prefix), false))
        .compose(detected -> ContentCheck.matches(fileType, detected)
          ? Future.<Void>succeededFuture()
          : refuse(media, "The uploaded file is " + detected + ", not the declared " + fileType));
    });
  }

  /** Deletes the lying object and refuses; the slot stays pending (a correct upload may follow) until it expires. */
  private Future<Void> refuse(JsonObject media, String reason) {
    log.info("upload refused mediaId={} userId={} reason={}", media.getString("_id"), media.getString("uploader"), reason);
    return storage.delete(media.getString("key"))
      .recover(err -> Future.succeededFuture()) // the expiry sweep deletes it later
      .compose(v -> Errors.fail(ErrorCode.MEDIA_CONTENT_MISMATCH, reason));
  }
}
