package io.rtchat.media;

/** An image that is not thumbnailed, for a reason recorded on its media (the upload stays usable as a file). */
final class ThumbnailRefused extends Exception {

  ThumbnailRefused(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
