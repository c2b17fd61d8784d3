package io.rtchat.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets handed to users (refresh tokens, reset tokens, OTPs) and the hashes stored in their place:
 * the database never holds a usable token or code.
 */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {
  }

  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String otp() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  /** SHA-256: enough for high-entropy tokens; OTPs are salted with the user id and live minutes, five tries at most. */
  static String hash(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String otpHash(String userId, String otp) {
    return hash(userId + ":" + otp);
  }

  static boolean sameHash(String a, String b) {
    return a != null && b != null
      && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
