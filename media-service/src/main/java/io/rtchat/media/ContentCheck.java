package io.rtchat.media;

import org.apache.tika.Tika;

/**
 * Tells what an upload really is from its first bytes (magic numbers, Apache Tika core), so a text file declared as
 * image/png is refused. Blocking CPU work: call it on a worker thread.
 */
final class ContentCheck {

  /** How many first bytes are fetched and inspected. */
  static final int PREFIX_BYTES = 8192;

  private final Tika tika = new Tika();

  /** The detected MIME type of content starting with these bytes (never null; application/octet-stream if unknown). */
  String detect(byte[] prefix) {
    return tika.detect(prefix);
  }

  /**
   * Whether detected content fits the declared type: for images, audio and video the family must match (a PNG
   * declared as image/jpeg passes, a text file declared as image/png does not). Containers shared by audio and video
   * (mp4, webm, ogg) match either. Other files are not checked by content.
   */
  static boolean matches(String declared, String detected) {
    String kind = MediaPolicy.kindOf(declared);
    if ("file".equals(kind)) {
      return true;
    }
    int slash = detected.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String family = detected.substring(0, slash);
    if (family.equals(kind)) {
      return true;
    }
    boolean container = "audio".equals(family) || "video".equals(family) || "application".equals(family);
    return !"image".equals(kind) && container && subtype(declared).equals(subtype(detected));
  }

  private static String subtype(String mime) {
    String sub = mime.substring(mime.indexOf('/') + 1);
    return sub.startsWith("x-") ? sub.substring(2) : sub;
  }
}
