package io.rtchat.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
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
 * the image has transparency). The header is checked against {@link ImageLimits} and the decode's memory taken from
 * a {@link MemoryBudget} before any pixel is decoded: a small file can declare a huge image (a decompression bomb).
 * Blocking CPU work: call it on a {@link ThumbnailPool} thread.
 */
final class Thumbnails {

  static final int MAX_SIDE = 320;

  record Thumbnail(byte[] bytes, String contentType) {
  }

  private Thumbnails() {
  }

  /**
   * The thumbnail. Refused (nothing decoded) when ImageIO has no reader for the format, when the header declares an
   * image past {@code limits}, or when decoding it would go past what {@code budget} has left.
   */
  static Thumbnail render(byte[] image, ImageLimits limits, MemoryBudget budget) throws IOException, ThumbnailRefused {
    BufferedImage source = decode(image, limits, budget);
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
      throw new ThumbnailRefused("no " + format + " writer");
    }
    return new Thumbnail(out.toByteArray(), "image/" + format);
  }

  private static BufferedImage decode(byte[] image, ImageLimits limits, MemoryBudget budget)
    throws IOException, ThumbnailRefused {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new ThumbnailRefused("unsupported image format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // Only the header is read here (PNG IHDR, GIF image descriptor, JPEG SOF): nothing is decoded yet.
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        String refusal = limits.refusal(width, height, rowBytes(reader, width));
        if (refusal != null) {
          throw new ThumbnailRefused(refusal);
        }
        // Decode only every n-th pixel of a big photo: the thumbnail needs about twice its size, not 48 MP in memory.
        int step = Math.max(1, Math.max(width, height) / (2 * MAX_SIDE));
        long cost = memoryCost(width, height, step, rowBytes(reader, width));
        if (!budget.tryTake(cost)) {
          throw new ThumbnailRefused("busy: image decoding memory budget in use");
        }
        try {
          ImageReadParam param = reader.getDefaultReadParam();
          param.setSourceSubsampling(step, step, 0, 0);
          return reader.read(0, param);
        } finally {
          budget.give(cost);
        }
      } finally {
        reader.dispose();
      }
    }
  }

  /** Bytes of one decoded row at full width: the row buffers readers allocate whatever the subsampling. */
  private static long rowBytes(ImageReader reader, int width) throws IOException {
    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
    int bitsPerPixel = 64; // the widest the JDK's readers produce (16-bit RGBA), when the reader does not say
    if (types != null && types.hasNext()) {
      int[] sizes = types.next().getSampleModel().getSampleSize();
      bitsPerPixel = 0;
      for (int size : sizes) {
        bitsPerPixel += size;
      }
    }
    return ((long) width * bitsPerPixel + 7) / 8;
  }

  /** What decoding holds at most: the subsampled image (4 bytes a pixel), two rows at full width, the resize steps. */
  static long memoryCost(int width, int height, int step, long rowBytes) {
    long decoded = 4L * ((width + step - 1) / step) * ((height + step - 1) / step);
    return decoded * 2 + 2 * rowBytes;
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
