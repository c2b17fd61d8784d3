package io.rtchat.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Small previews of images with the JDK's ImageIO: at most {@value #MAX_SIDE} px on the longer side, JPEG (PNG when
 * the image has transparency). Blocking CPU work: call it on a worker thread.
 */
final class Thumbnails {

  static final int MAX_SIDE = 320;
  /** Larger images are not decoded (a small file can declare huge dimensions: a decompression bomb). */
  static final long MAX_PIXELS = 50_000_000L;

  record Thumbnail(byte[] bytes, String contentType) {
  }

  private Thumbnails() {
  }

  /** The thumbnail, or null when ImageIO cannot read the format or the image is too large to decode safely. */
  static Thumbnail render(byte[] image) throws IOException {
    BufferedImage source = decode(image);
    if (source == null) {
      return null;
    }
    boolean alpha = source.getColorModel().hasAlpha();
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
    int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
    BufferedImage current = source;
    // Halve step by step before the last resize: bilinear in one big step would alias badly.
    while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
      current = resize(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
    }
    current = resize(current, width, height, alpha);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String format = alpha ? "png" : "jpeg";
    if (!ImageIO.write(current, format, out)) {
      return null;
    }
    return new Thumbnail(out.toByteArray(), "image/" + format);
  }

  private static BufferedImage decode(byte[] image) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > MAX_PIXELS) {
          return null;
        }
        // Decode only every n-th pixel of a big photo: the thumbnail needs about twice its size, not 48 MP in memory.
        int step = Math.max(1, Math.max(width, height) / (2 * MAX_SIDE));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }

  private static BufferedImage resize(BufferedImage source, int width, int height, boolean alpha) {
    BufferedImage target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }
}
