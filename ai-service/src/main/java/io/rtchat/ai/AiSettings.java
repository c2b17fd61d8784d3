package io.rtchat.ai;

import io.rtchat.common.Config;
import io.rtchat.common.Setting;

/**
 * The AI settings, read once. {@link #toString()} leaves the API key out: a settings object that ends up in a log
 * line must never carry it.
 */
record AiSettings(String baseUrl, String model, String apiKey, String systemPrompt, long firstByteTimeoutMillis,
                  long idleTimeoutMillis, int maxHistoryChars, int maxRequestsPerMinute, int maxReplyBytes) {

  static AiSettings from(Config config) {
    return new AiSettings(
      config.get(Setting.AI_BASE_URL).trim().replaceAll("/+$", ""),
      config.get(Setting.AI_MODEL).trim(),
      config.get(Setting.AI_API_KEY).trim(),
      config.get(Setting.AI_SYSTEM_PROMPT),
      millis(config, Setting.AI_TIMEOUT),
      millis(config, Setting.AI_IDLE_TIMEOUT),
      config.getInt(Setting.AI_MAX_HISTORY_CHARS),
      config.getInt(Setting.AI_MAX_REQUESTS_PER_MINUTE),
      config.getInt(Setting.MESSAGE_MAX_BYTES));
  }

  /** Seconds, fractions allowed ("0.5"), so a test can use short timeouts. */
  private static long millis(Config config, Setting setting) {
    String raw = config.get(setting).trim();
    try {
      double seconds = Double.parseDouble(raw);
      if (seconds <= 0) {
        throw new NumberFormatException();
      }
      return Math.max(1L, Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.name() + " must be a positive number of seconds, got '" + raw + "'");
    }
  }

  boolean configured() {
    return !baseUrl.isEmpty();
  }

  /** The streaming endpoint: the base URL names the API root, {@code .../v1}, as OpenAI's clients expect. */
  String completionsUrl() {
    return baseUrl + "/chat/completions";
  }

  @Override
  public String toString() {
    return "AiSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "unset" : "set")
      + ", firstByteTimeoutMillis=" + firstByteTimeoutMillis + ", idleTimeoutMillis=" + idleTimeoutMillis + "]";
  }
}
