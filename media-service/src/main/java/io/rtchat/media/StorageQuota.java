package io.rtchat.media;

import io.rtchat.common.Config;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;

/**
 * The per-user storage quota: the declared sizes of a user's pending and ready media (what S3 holds or may soon hold
 * for them) plus the new slot may not exceed {@code MEDIA_QUOTA_BYTES}. Expired slots and reclaimed media no longer
 * count, so the room comes back. Two slots asked for at the same instant may both pass (the check is a read, not a
 * reservation); each is still bounded by the per-upload maximum.
 */
final class StorageQuota {

  private final MongoClient mongo;
  private final long quota;

  StorageQuota(Config config, MongoClient mongo) {
    this.mongo = mongo;
    String raw = config.get(Setting.MEDIA_QUOTA_BYTES).trim();
    try {
      this.quota = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MEDIA_QUOTA_BYTES must be a whole number of bytes, got '" + raw + "'");
    }
  }

  /** Succeeds when {@code size} more bytes fit in the user's quota, else fails with 413 {@code media.quota_exceeded}. */
  Future<Void> admit(String userId, long size) {
    JsonObject query = new JsonObject().put("uploader", userId)
      .put("status", new JsonObject().put("$in", new JsonArray().add(MediaStore.PENDING).add(MediaStore.READY)));
    FindOptions sizesOnly = new FindOptions().setFields(new JsonObject().put("size", 1).put("_id", 0));
    return mongo.findWithOptions(MediaStore.MEDIA, query, sizesOnly).compose(found -> {
      long used = found.stream().mapToLong(doc -> doc.getLong("size", 0L)).sum();
      return used + size <= quota ? Future.<Void>succeededFuture()
        : Errors.fail(ErrorCode.MEDIA_QUOTA_EXCEEDED, "Storage quota reached: " + used + " of " + quota
          + " bytes in use");
    });
  }
}
