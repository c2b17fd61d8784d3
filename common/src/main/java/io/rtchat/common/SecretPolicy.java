package io.rtchat.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Refuses signing keys anyone could know: too short, a placeholder copied from an example, or too regular to be
 * random. A key that passes is not proven random, but the keys every installation would share are caught.
 */
public final class SecretPolicy {

  public static final int MIN_BYTES = 32;

  /** Words that appear in example values and never in a generated key of the recommended kind (base64 of 32+ bytes). */
  private static final List<String> PLACEHOLDER_WORDS = List.of(
    "change-me", "changeme", "change_me", "replace-me", "replaceme", "placeholder", "example", "your-secret",
    "yoursecret", "secret-key", "jwt-secret", "at-least-32", "insecure", "password", "default");

  private static final int MIN_DISTINCT_CHARACTERS = 12;

  private SecretPolicy() {
  }

  /** Why {@code secret} is refused as a JWT key, or null when it is acceptable. */
  public static String jwtSecretProblem(String secret) {
    if (secret == null || secret.isBlank()) {
      return "JWT_SECRET is not set";
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
      return "JWT_SECRET must be at least " + MIN_BYTES + " bytes";
    }
    String lower = secret.toLowerCase(Locale.ROOT);
    for (String word : PLACEHOLDER_WORDS) {
      if (lower.contains(word)) {
        return "JWT_SECRET looks like a placeholder (contains '" + word + "'): generate one, e.g. openssl rand -base64 48";
      }
    }
    if (secret.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
      return "JWT_SECRET is too regular to be random: generate one, e.g. openssl rand -base64 48";
    }
    return null;
  }

  /** Throws with the reason when {@code secret} is refused (every process that signs or verifies calls it). */
  public static void requireStrongJwtSecret(String secret) {
    String problem = jwtSecretProblem(secret);
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }
}
