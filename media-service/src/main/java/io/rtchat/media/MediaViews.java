package io.rtchat.media;

import io.rtchat.common.DocumentView;
import io.vertx.core.json.JsonObject;

/**
 * What leaves the service of a media document, field by field. {@code url} and {@code thumbnailUrl} are the stable
 * gateway URLs (PUBLIC_URL + {@code /api/v1/media/{id}}) that redirect to a fresh presigned GET; presigned URLs are
 * never stored because they expire. Every image has a {@code thumbnailUrl} from the start: a message may copy the
 * metadata before the thumbnail is made, so the URL serves the original until then (or when ImageIO cannot read it).
 */
final class MediaViews {

  /** The gateway path of a media (the gateway mounts the client API under /api/v1). */
  static String path(String id) {
    return "/api/v1/media/" + id;
  }

  private final String publicUrl;

  MediaViews(String publicUrl) {
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  JsonObject view(JsonObject media) {
    String url = publicUrl + media.getString("url");
    return DocumentView.of(media, "uploader", "chatId", "groupId", "purpose", "type", "url", "thumbnailUrl",
        "fileType", "name", "size", "status", "uploadedAt", "createdAt", "thumbnail")
      .put("url", url)
      .put("thumbnailUrl", "image".equals(media.getString("type")) ? url + "?variant=thumbnail" : null)
      .put("size", media.getLong("size"));
  }
}
