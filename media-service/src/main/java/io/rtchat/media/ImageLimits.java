package io.rtchat.media;

/**
 * How large an image may be, by its header, before anything of it is decoded. Width and height are bounded apart
 * (a 50,000,000 x 1 PNG has only 50 megapixels, but the JDK's PNG reader allocates whole rows whatever the
 * subsampling), and so are the bytes of one decoded row and the pixels.
 */
record ImageLimits(int maxWidth, int maxHeight, long maxPixels, long maxRowBytes) {

  /** Why an image of this header may not be decoded, or null when it may. */
  String refusal(int width, int height, long rowBytes) {
    if (width <= 0 || height <= 0) {
      return "image has no size";
    }
    if (width > maxWidth || height > maxHeight) {
      return "image too large: " + width + " x " + height + " px (at most " + maxWidth + " x " + maxHeight + ")";
    }
    if ((long) width * height > maxPixels) {
      return "image too large: " + ((long) width * height) + " px (at most " + maxPixels + ")";
    }
    if (rowBytes > maxRowBytes) {
      return "image rows too large: " + rowBytes + " bytes (at most " + maxRowBytes + ")";
    }
    return null;
  }
}
