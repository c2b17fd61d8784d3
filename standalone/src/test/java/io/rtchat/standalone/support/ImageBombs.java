package io.rtchat.standalone.support;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Small files whose headers declare huge images (decompression bombs), made byte by byte: a decoder that trusts the
 * header allocates what it declares, whatever the file's size.
 */
public final class ImageBombs {

  private ImageBombs() {
  }

  /**
   * A PNG of {@code width} x {@code height} 8-bit RGB pixels, all black: its IDAT really holds every row (filter byte
   * and zeros), deflated. 50,000,000 x 1 is about 150 KB.
   */
  public static byte[] png(int width, int height) {
    try {
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
        byte[] zeros = new byte[1 << 20];
        long rowBytes = 1 + 3L * width;
        for (int y = 0; y < height; y++) {
          for (long left = rowBytes; left > 0; left -= zeros.length) {
            deflate.write(zeros, 0, (int) Math.min(left, zeros.length));
          }
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream header = new DataOutputStream(ihdr);
      header.writeInt(width);
      header.writeInt(height);
      header.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, truecolour, deflate, adaptive filter, no interlace
      chunk(png, "IHDR", ihdr.toByteArray());
      chunk(png, "IDAT", idat.toByteArray());
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    DataOutputStream chunk = new DataOutputStream(out);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    chunk.writeInt(data.length);
    chunk.write(name);
    chunk.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    chunk.writeInt((int) crc.getValue());
  }

  /** A GIF whose screen and only image are {@code width} x {@code height} (at most 65,535 each), with almost no data. */
  public static byte[] gif(int width, int height) {
    ByteArrayOutputStream gif = new ByteArrayOutputStream();
    gif.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
    short16(gif, width);
    short16(gif, height);
    gif.writeBytes(new byte[] {(byte) 0x80, 0, 0}); // a global colour table of 2 entries
    gif.writeBytes(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    gif.write(0x2C); // image descriptor
    short16(gif, 0);
    short16(gif, 0);
    short16(gif, width);
    short16(gif, height);
    gif.write(0);
    gif.writeBytes(new byte[] {2, 2, 0x4C, 0x01, 0}); // LZW minimum code size 2, one block: clear, end
    gif.write(0x3B);
    return gif.toByteArray();
  }

  private static void short16(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >> 8) & 0xFF);
  }

  /** A real small JPEG whose frame header (SOF0) is rewritten to declare {@code width} x {@code height}. */
  public static byte[] jpeg(int width, int height) {
    byte[] jpeg = MediaFiles.image(16, 16, "jpeg");
    for (int i = 2; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
        // FFC0, length (2), precision (1), height (2), width (2)
        jpeg[i + 5] = (byte) (height >> 8);
        jpeg[i + 6] = (byte) height;
        jpeg[i + 7] = (byte) (width >> 8);
        jpeg[i + 8] = (byte) width;
        return jpeg;
      }
    }
    throw new IllegalStateException("no SOF0 in the JPEG ImageIO wrote");
  }

  /** A WebP (extended format, VP8X) declaring a {@code width} x {@code height} canvas (at most 16,777,216 each). */
  public static byte[] webp(int width, int height) {
    ByteArrayOutputStream vp8x = new ByteArrayOutputStream();
    vp8x.writeBytes("VP8X".getBytes(StandardCharsets.US_ASCII));
    int32le(vp8x, 10);
    vp8x.writeBytes(new byte[] {0, 0, 0, 0});
    int24le(vp8x, width - 1);
    int24le(vp8x, height - 1);
    byte[] body = vp8x.toByteArray();
    ByteArrayOutputStream webp = new ByteArrayOutputStream();
    webp.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    int32le(webp, 4 + body.length);
    webp.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    webp.writeBytes(body);
    return webp.toByteArray();
  }

  private static void int32le(ByteArrayOutputStream out, int value) {
    int24le(out, value);
    out.write((value >> 24) & 0xFF);
  }

  private static void int24le(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >> 8) & 0xFF);
    out.write((value >> 16) & 0xFF);
  }
}
