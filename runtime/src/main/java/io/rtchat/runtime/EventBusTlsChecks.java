package io.rtchat.runtime;

import io.rtchat.common.Config;
import io.rtchat.common.EventBusTls;
import io.rtchat.common.Setting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-bus TLS settings a process refuses to start with. Each problem names the setting to fix: a pod whose
 * certificate Secret lacks a key (a {@code kubectl create secret tls} has no {@code ca.crt}) must say so at start,
 * not fail later inside the cluster join; and certificate files given without {@code EVENT_BUS_TLS=true} must not
 * leave the event bus in plain text while the operator believes it is encrypted.
 */
final class EventBusTlsChecks {

  /** The settings that name a file, in the order problems are reported. */
  private static final List<Setting> FILES = List.of(Setting.EVENT_BUS_CERT, Setting.EVENT_BUS_KEY,
    Setting.EVENT_BUS_CA, Setting.EVENT_BUS_KEYSTORE, Setting.EVENT_BUS_TRUSTSTORE);

  private EventBusTlsChecks() {
  }

  static List<String> problems(Config config) {
    List<Setting> given = FILES.stream().filter(config::isSet).toList();
    boolean on = config.getBoolean(Setting.EVENT_BUS_TLS);
    List<String> problems = new ArrayList<>();
    if (!on) {
      for (Setting s : given) {
        problems.add(s.name() + " is set but EVENT_BUS_TLS is " + tlsValue(config)
          + ": the event bus would run in plain text (set EVENT_BUS_TLS=true, or unset " + s.name() + ")");
      }
    }
    if (!on && given.isEmpty()) {
      return problems;
    }
    List<String> missing = missing(config);
    // EventBusTls's own wording covers what naming one setting cannot: neither or both of two alternatives
    problems.addAll(missing.isEmpty() && on ? EventBusTls.problems(config) : missing);
    for (Setting s : given) {
      Path file = Path.of(config.get(s));
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problems.add(s.name() + "=" + file + " is not a readable file (is the Secret mounted, and does it hold that key?)");
      }
    }
    return problems;
  }

  private static String tlsValue(Config config) {
    String value = config.get(Setting.EVENT_BUS_TLS);
    return value.isBlank() ? "not set" : "'" + value + "', not true";
  }

  /** One line per setting that another one given needs. */
  private static List<String> missing(Config config) {
    List<String> missing = new ArrayList<>();
    needs(config, Setting.EVENT_BUS_CERT, Setting.EVENT_BUS_KEY, "its private key", missing);
    needs(config, Setting.EVENT_BUS_KEY, Setting.EVENT_BUS_CERT, "the certificate of that key", missing);
    boolean trust = config.isSet(Setting.EVENT_BUS_CA) || config.isSet(Setting.EVENT_BUS_TRUSTSTORE);
    if (!trust && config.isSet(Setting.EVENT_BUS_KEYSTORE)) {
      missing.add("EVENT_BUS_KEYSTORE is set but EVENT_BUS_TRUSTSTORE is not (the CA that signs every member)");
    } else if (!trust && (config.isSet(Setting.EVENT_BUS_CERT) || config.isSet(Setting.EVENT_BUS_KEY))) {
      String given = config.isSet(Setting.EVENT_BUS_CERT) ? "EVENT_BUS_CERT" : "EVENT_BUS_KEY";
      missing.add(given + " is set but EVENT_BUS_CA is not (the CA that signs every member)");
    }
    return missing;
  }

  private static void needs(Config config, Setting given, Setting needed, String what, List<String> missing) {
    if (config.isSet(given) && !config.isSet(needed)) {
      missing.add(given.name() + " is set but " + needed.name() + " is not (" + what + ")");
    }
  }
}
