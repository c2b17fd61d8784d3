package io.rtchat.common;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one config reader. Values come from the environment (or a map in tests), fall back to {@link Setting}'s
 * defaults, and travel to verticles as their deployment config, so every verticle reads the same values.
 */
public final class Config {

  private final JsonObject values;

  private Config(JsonObject values) {
    this.values = values;
  }

  public static Config fromEnv() {
    return fromMap(System.getenv());
  }

  public static Config fromMap(Map<String, String> source) {
    JsonObject values = new JsonObject();
    for (Setting s : Setting.values()) {
      String v = source.get(s.name());
      if (v != null) {
        values.put(s.name(), v);
      }
    }
    return new Config(values);
  }

  /** Reads a verticle's deployment config, as produced by {@link #toJson()}. */
  public static Config fromJson(JsonObject json) {
    return new Config(json == null ? new JsonObject() : json.copy());
  }

  public JsonObject toJson() {
    return values.copy();
  }

  public Config with(Setting setting, String value) {
    JsonObject copy = values.copy();
    copy.put(setting.name(), value);
    return new Config(copy);
  }

  public String get(Setting setting) {
    Object v = values.getValue(setting.name());
    return v == null ? setting.defaultValue() : String.valueOf(v);
  }

  public boolean isSet(Setting setting) {
    return !get(setting).isBlank();
  }

  public int getInt(Setting setting) {
    String raw = get(setting).trim();
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.name() + " must be a whole number, got '" + raw + "'");
    }
  }

  public boolean getBoolean(Setting setting) {
    return Boolean.parseBoolean(get(setting).trim());
  }

  public List<String> getList(Setting setting) {
    return Arrays.stream(get(setting).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public Path dataDir() {
    return Path.of(get(Setting.DATA_DIR)).toAbsolutePath().normalize();
  }
}
