package io.rtchat.media;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Reading media: a short-lived presigned GET of the original or its thumbnail, and the metadata. */
class Downloads {

  private final S3Storage storage;
  private final MediaPolicy policy;
  private final MediaAccess access;
  private final MediaViews views;

  Downloads(S3Storage storage, MediaPolicy policy, MediaAccess access, MediaViews views) {
    this.storage = storage;
    this.policy = policy;
    this.access = access;
    this.views = views;
  }

  Future<JsonObject> download(String userId, String mediaId, String variant) {
    boolean thumbnail = "thumbnail".equals(variant);
    if (variant != null && !thumbnail && !"original".equals(variant)) {
      return Errors.fail(ErrorCode.VALIDATION, "variant must be original or thumbnail",
        new JsonObject().put("variant", "must be original or thumbnail"));
    }
    return access.load(mediaId).compose(media -> access.authorize(userId, media)).compose(media -> {
      if (!MediaStore.READY.equals(media.getString("status"))) {
        return Errors.fail(ErrorCode.MEDIA_NOT_READY, "The upload is not complete");
      }
      if (thumbnail && !"image".equals(media.getString("type"))) {
        return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "Only images have a thumbnail");
      }
      // Until the thumbnail exists (or when the format cannot be thumbnailed) the thumbnail URL serves the original.
      boolean small = thumbnail && media.getString("thumbnailKey") != null;
      String key = small ? media.getString("thumbnailKey") : media.getString("key");
      String contentType = small ? media.getString("thumbnailType") : media.getString("fileType");
      S3Storage.Presigned get = storage.presignGet(key, contentType,
        disposition(media.getString("type"), media.getString("name")), policy.downloadTtl());
      return Future.succeededFuture(new JsonObject().put("url", get.url()).put("expiresAt", get.expiresAt().toString()));
    });
  }

  /**
   * Checked images, audio and video show inline; any other file downloads, never rendering on the bucket's origin.
   * The name is percent-encoded (RFC 5987), so no name can break out of the header.
   */
  static String disposition(String type, String name) {
    return ("file".equals(type) ? "attachment" : "inline")
      + "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The uploader sees their media in any state; others see it once ready, if they may. */
  Future<JsonObject> meta(String userId, String mediaId) {
    return access.load(mediaId).compose(media -> media.getString("uploader").equals(userId)
      ? Future.succeededFuture(views.view(media))
      : access.authorize(userId, media).compose(found -> MediaStore.READY.equals(found.getString("status"))
        ? Future.succeededFuture(views.view(found))
        : Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such media")));
  }
}
