package io.rtchat.runtime;

import io.rtchat.common.Config;
import io.rtchat.common.SecretPolicy;
import io.rtchat.common.Setting;

import java.util.ArrayList;
import java.util.List;

/**
 * What a production process refuses to start without. A service jar has no embedded defaults: a missing MONGO_URI
 * must stop it at once rather than leave it running on a private, empty database.
 */
public final class StartupChecks {

  private StartupChecks() {
  }

  /** Every problem with {@code config} for a process that needs {@code required}; empty when it may start. */
  public static List<String> problems(Config config, List<Setting> required) {
    List<String> missing = new ArrayList<>();
    for (Setting setting : required) {
      if (!explicitlySet(config, setting)) {
        missing.add(setting.name());
      }
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing) + " (set in the environment; see the configuration table)");
    }
    if (required.contains(Setting.JWT_SECRET) && explicitlySet(config, Setting.JWT_SECRET)) {
      String jwt = SecretPolicy.jwtSecretProblem(config.get(Setting.JWT_SECRET));
      if (jwt != null) {
        problems.add(jwt);
      }
    }
    problems.addAll(EventBusTlsChecks.problems(config));
    return problems;
  }

  /** Set in the environment itself: a default (like S3_SECRET_KEY's dev value) does not count. */
  static boolean explicitlySet(Config config, Setting setting) {
    Object value = config.toJson().getValue(setting.name());
    return value != null && !String.valueOf(value).isBlank();
  }
}
