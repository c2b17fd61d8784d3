package io.rtchat.media;

/**
 * Where a media's bytes live in the bucket. Each stage has its own key, so a presigned PUT (which names only the
 * upload key) can never change what was checked and is served.
 */
final class MediaKeys {

  private MediaKeys() {
  }

  /** Where a slot's bytes land: the only key its presigned PUT may write. */
  static String upload(String mediaId) {
    return "uploads/" + mediaId;
  }

  /** Where a completed upload lives: no presigned PUT names this key, so what was checked is what is served. */
  static String stored(String mediaId) {
    return "media/" + mediaId;
  }

  /** The rendered thumbnail of an image. */
  static String thumbnail(String mediaId) {
    return "thumbnails/" + mediaId;
  }
}
