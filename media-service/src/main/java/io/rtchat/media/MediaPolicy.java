package io.rtchat.media;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What may be uploaded: the allowed MIME types, the size limit per kind, how long slots and links live, and how long
 * an upload nothing uses is kept.
 */
final class MediaPolicy {

  static final String ATTACHMENT = "attachment";
  static final String AVATAR = "avatar";

  private static final Duration RELEASE_DELAY = Duration.ofSeconds(30);
  private static final Pattern MIME = Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$");

  private final Set<String> allowed;
  private final long maxImage;
  private final long maxAudio;
  private final long maxVideo;
  private final long maxFile;
  private final long maxAvatar;
  private final Duration uploadTtl;
  private final long thumbnailSourceMax;
  private final Duration downloadTtl;
  private final Duration unsentGrace;
  private final ImageLimits imageLimits;

  MediaPolicy(Config config) {
    this.allowed = Set.copyOf(config.getList(Setting.MEDIA_ALLOWED_TYPES).stream()
      .map(t -> t.toLowerCase(Locale.ROOT)).toList());
    this.maxImage = bytes(config, Setting.MEDIA_MAX_IMAGE_BYTES);
    this.maxAudio = bytes(config, Setting.MEDIA_MAX_AUDIO_BYTES);
    this.maxVideo = bytes(config, Setting.MEDIA_MAX_VIDEO_BYTES);
    this.maxFile = bytes(config, Setting.MEDIA_MAX_FILE_BYTES);
    this.maxAvatar = bytes(config, Setting.MEDIA_MAX_AVATAR_BYTES);
    this.uploadTtl = Duration.ofSeconds(config.getInt(Setting.MEDIA_UPLOAD_TTL_SECONDS));
    this.thumbnailSourceMax = Math.min(bytes(config, Setting.MEDIA_THUMBNAIL_MAX_SOURCE_BYTES), Integer.MAX_VALUE - 1);
    this.downloadTtl = Duration.ofSeconds(config.getInt(Setting.MEDIA_DOWNLOAD_TTL_SECONDS));
    this.unsentGrace = Duration.ofSeconds(config.getInt(Setting.MEDIA_UNSENT_GRACE_SECONDS));
    this.imageLimits = new ImageLimits(config.getInt(Setting.MEDIA_THUMBNAIL_MAX_WIDTH),
      config.getInt(Setting.MEDIA_THUMBNAIL_MAX_HEIGHT), bytes(config, Setting.MEDIA_THUMBNAIL_MAX_PIXELS),
      bytes(config, Setting.MEDIA_THUMBNAIL_MAX_ROW_BYTES));
  }

  private static long bytes(Config config, Setting setting) {
    String raw = config.get(setting).trim();
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.name() + " must be a whole number of bytes, got '" + raw + "'");
    }
  }

  static boolean wellFormedMime(String fileType) {
    return MIME.matcher(fileType).matches();
  }

  /** The seed's media {@code type}: image, audio or video by the MIME family, file for everything else. */
  static String kindOf(String fileType) {
    String family = fileType.substring(0, fileType.indexOf('/'));
    return switch (family) {
      case "image", "audio", "video" -> family;
      default -> "file";
    };
  }

  boolean allowed(String purpose, String fileType) {
    return allowed.contains(fileType) && (!AVATAR.equals(purpose) || "image".equals(kindOf(fileType)));
  }

  long maxBytes(String purpose, String fileType) {
    if (AVATAR.equals(purpose)) {
      return maxAvatar;
    }
    return switch (kindOf(fileType)) {
      case "image" -> maxImage;
      case "audio" -> maxAudio;
      case "video" -> maxVideo;
      default -> maxFile;
    };
  }

  /** Largest image read into memory to render a thumbnail (a bigger one is served as its own thumbnail). */
  long thumbnailSourceMax() {
    return thumbnailSourceMax;
  }

  /** How large an image may be, by its header, for a thumbnail to be decoded. */
  ImageLimits imageLimits() {
    return imageLimits;
  }

  Duration uploadTtl() {
    return uploadTtl;
  }

  Duration downloadTtl() {
    return downloadTtl;
  }

  /** How long a completed upload, or one just handed to a message or a profile, is kept before the sweep asks about it. */
  Duration unsentGrace() {
    return unsentGrace;
  }

  /**
   * How long after a release (a message deleted, an avatar replaced) the sweep waits before it asks whether anything
   * still holds the media: long enough for a send that was checking that media at the same moment to be stored.
   */
  Duration releaseDelay() {
    return unsentGrace.compareTo(RELEASE_DELAY) < 0 ? unsentGrace : RELEASE_DELAY;
  }
}
