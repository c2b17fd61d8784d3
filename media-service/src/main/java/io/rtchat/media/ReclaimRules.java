package io.rtchat.media;

import io.rtchat.common.Ids;

import java.time.Duration;
import java.time.Instant;

/** The reclamation sweep's decisions that need nothing but the facts at hand. */
final class ReclaimRules {

  static final String UPLOADS_PREFIX = MediaKeys.upload("");

  private ReclaimRules() {
  }

  /** The media id an upload key names, or null when the key is not {@code uploads/<media id>}. */
  static String mediaIdOfUpload(String key) {
    if (key == null || !key.startsWith(UPLOADS_PREFIX)) {
      return null;
    }
    String id = key.substring(UPLOADS_PREFIX.length());
    return Ids.isValid(id) ? id : null;
  }

  /**
   * Whether an object under {@code uploads/} may go: its slot is no longer pending (completed, being reclaimed or
   * gone: {@code status} null), so nothing will ever read it, and it was written at least one upload lifetime ago, so
   * the presigned PUT that wrote it has expired and cannot write it again. A pending slot's object is its upload in
   * progress (the expiry sweep deletes it with the slot).
   */
  static boolean strayUpload(Instant lastModified, String status, Instant now, Duration uploadTtl) {
    return !MediaStore.PENDING.equals(status) && !lastModified.plus(uploadTtl).isAfter(now);
  }

  /** Whether the due media is a message's attachment (else an avatar): which service knows if it is still used. */
  static boolean attachment(String purpose) {
    return MediaPolicy.ATTACHMENT.equals(purpose);
  }
}
