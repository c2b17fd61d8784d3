package io.rtchat.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Puts one run's two result files side by side: {@code <out>.json} (everything), {@code <out>.md} (the table) and,
 * when asked, the table between the README's {@code <!-- BENCH:BEGIN -->} and {@code <!-- BENCH:END -->} markers.
 *
 * <pre>--rtchat FILE --baseline FILE --out PATH_WITHOUT_EXTENSION [--readme README.md] [--pinning TEXT] [--command TEXT]</pre>
 */
public final class Report {

  private static final String BEGIN = "<!-- BENCH:BEGIN -->";
  private static final String END = "<!-- BENCH:END -->";

  private Report() {
  }

  public static void main(String[] argv) throws IOException {
    Args args = new Args(argv);
    JsonObject ours = read(args.required("rtchat"));
    JsonObject base = read(args.required("baseline"));
    JsonObject machine = machine();
    String pinning = args.get("pinning", "not pinned");
    String command = args.get("command", "bench/run");
    Path out = Path.of(args.required("out"));

    JsonArray ratios = new JsonArray();
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Run %s (`%s`%s) on %s: %d cores, %s GiB memory, %s. %s; the load generator "
        + "shares the machine. rtchat storage: %s. Figures are the highest rate step whose p99 stayed under 50 ms "
        + "with nothing lost, duplicated or refused; ratio = rtchat / raw baseline, same run.%n%n",
      ours.getString("startedAt", "?").substring(0, 16).replace('T', ' ') + " UTC", command,
      ours.getBoolean("quick", false) ? ", quick: short steps, noisy" : "",
      machine.getString("cpuModel"), machine.getInteger("cores"), machine.getString("memoryGiB"),
      machine.getString("java"), pinning, ours.getString("storage")));
    md.append(String.format(Locale.ROOT, "Load average (1 min) at start and end: rtchat %.1f → %.1f, baseline %.1f → %.1f "
        + "(about 2 means the two pinned processes alone; more means other work shared the cores).%n%n",
      ours.getDouble("loadAverageAtStart", -1.0), ours.getDouble("loadAverageAtEnd", -1.0),
      base.getDouble("loadAverageAtStart", -1.0), base.getDouble("loadAverageAtEnd", -1.0)));
    md.append("| scenario | server | delivered/s (p99 < 50 ms) | msg/s | p50 ms | p95 ms | p99 ms | max ms | lost | dup | server CPU | server RSS | vs baseline |\n");
    md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    JsonArray baseScenarios = base.getJsonArray("scenarios", new JsonArray());
    for (Object o : baseScenarios) {
      JsonObject b = (JsonObject) o;
      JsonObject r = find(ours.getJsonArray("scenarios", new JsonArray()), b.getString("name"));
      Double ratio = null;
      if (r != null && r.getJsonObject("best") != null && b.getJsonObject("best") != null) {
        ratio = r.getJsonObject("best").getDouble("deliveredPerSec") / b.getJsonObject("best").getDouble("deliveredPerSec");
        ratios.add(new JsonObject().put("scenario", b.getString("name")).put("deliveredPerSecRatio", Math.round(ratio * 1000) / 1000.0));
      }
      md.append(row(b.getString("name"), "rtchat", r, ours.getBoolean("chatsAvailable", false) ? null
        : "not measured: chats not available on this build", ratio));
      md.append(row(b.getString("name"), "raw baseline", b, null, null));
    }
    md.append("\n| idle sockets registered on their inbox | server | heap per connection | RSS per connection |\n|---|---|--:|--:|\n");
    md.append(idleRow("rtchat", ours.getJsonObject("idle")));
    md.append(idleRow("raw baseline", base.getJsonObject("idle")));
    md.append("\nHeap growth per idle connection, largest classes (live objects after a full GC):\n");
    md.append(idleClasses("rtchat", ours.getJsonObject("idle"))).append(idleClasses("raw baseline", base.getJsonObject("idle")));
    md.append("\nWhat stopped each ramp (the first failing step above the best one):\n");
    md.append(limits(ours)).append(limits(base));
    String problems = problems(ours) + problems(base);
    if (!problems.isEmpty()) {
      md.append("\n").append(problems);
    }

    JsonObject all = new JsonObject().put("machine", machine.put("pinning", pinning).put("loadGeneratorSharesMachine", true))
      .put("command", command).put("rtchat", ours).put("baseline", base).put("ratios", ratios);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(Path.of(out + ".json"), all.encodePrettily());
    Files.writeString(Path.of(out + ".md"), md.toString());
    System.out.println(md);
    String readme = args.get("readme", null);
    if (readme != null) {
      Path path = Path.of(readme);
      String text = Files.readString(path);
      int b = text.indexOf(BEGIN);
      int e = text.indexOf(END);
      if (b >= 0 && e > b) {
        Files.writeString(path, text.substring(0, b + BEGIN.length()) + "\n" + md + text.substring(e));
      }
    }
  }

  private static String row(String scenario, String server, JsonObject s, String missing, Double ratio) {
    if (s == null || missing != null) {
      return String.format("| %s | %s | %s | | | | | | | | | | |%n", scenario, server, missing == null ? "not measured" : missing);
    }
    JsonObject best = s.getJsonObject("best");
    JsonArray steps = s.getJsonArray("steps", new JsonArray());
    if (best == null) {
      JsonObject first = steps.isEmpty() ? null : steps.getJsonObject(0);
      return String.format(Locale.ROOT, "| %s | %s | none passed%s | | | | | | | | | | |%n", scenario, server,
        first == null ? "" : String.format(Locale.ROOT, " (lowest step: p99 %.1f ms, lost %d, dup %d, refused %d)",
          first.getJsonObject("latencyMs").getDouble("p99"), first.getLong("lost"), first.getLong("duplicates"), first.getLong("sendErrors")));
    }
    boolean lastStepPassed = steps.stream().allMatch(o -> ((JsonObject) o).getBoolean("pass")); // limit not reached
    JsonObject lat = best.getJsonObject("latencyMs");
    long lost = 0;
    long dup = 0;
    for (Object o : steps) {
      lost += ((JsonObject) o).getLong("lost");
      dup += ((JsonObject) o).getLong("duplicates");
    }
    return String.format(Locale.ROOT, "| %s | %s | %s%,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %.0f%% | %s | %s |%n",
      scenario, server, lastStepPassed ? "≥ " : "", best.getDouble("deliveredPerSec"), best.getDouble("sentPerSec"),
      lat.getDouble("p50"), lat.getDouble("p95"), lat.getDouble("p99"), lat.getDouble("max"), lost, dup,
      best.getDouble("serverCpuPercent"), mib(best.getLong("serverRssBytes")), ratio == null ? "" : String.format(Locale.ROOT, "%.2f", ratio));
  }

  private static String idleRow(String server, JsonObject idle) {
    if (idle == null) {
      return "| | " + server + " | not measured | |\n";
    }
    return String.format(Locale.ROOT, "| %,d | %s | %s | %s |%n", idle.getInteger("sockets"), server,
      kib(idle.getLong("heapPerConnectionBytes")), kib(idle.getLong("rssPerConnectionBytes")));
  }

  /** Why the ramp stopped: the failing step's symptoms and who was busy (server or load generator). */
  private static String limits(JsonObject run) {
    StringBuilder s = new StringBuilder();
    for (Object o : run.getJsonArray("scenarios", new JsonArray())) {
      JsonObject sc = (JsonObject) o;
      JsonObject best = sc.getJsonObject("best");
      double bestRate = best == null ? 0 : best.getDouble("targetMsgPerSec");
      JsonObject stop = null;
      for (Object st : sc.getJsonArray("steps", new JsonArray())) {
        JsonObject step = (JsonObject) st;
        if (!step.getBoolean("pass") && step.getDouble("targetMsgPerSec") > bestRate
          && (stop == null || step.getDouble("targetMsgPerSec") < stop.getDouble("targetMsgPerSec"))) {
          stop = step;
        }
      }
      if (stop == null) {
        s.append(String.format(Locale.ROOT, "- %s %s: never failed; the ramp ended before the limit%n", run.getString("target"), sc.getString("name")));
        continue;
      }
      double server = stop.getDouble("serverCpuPercent");
      double generator = stop.getDouble("generatorCpuPercent");
      String busy = server >= 90 ? "the server's core is saturated" : generator >= 90 ? "the load generator's core is saturated"
        : "neither core saturated (latency, not CPU: queueing, GC or a machine shared with other work)";
      s.append(String.format(Locale.ROOT, "- %s %s at %.0f msg/s: p99 %.1f ms, lost %d, refused %d, unanswered %d; server CPU %.0f%%, load generator CPU %.0f%%: %s%n",
        run.getString("target"), sc.getString("name"), stop.getDouble("targetMsgPerSec"), stop.getJsonObject("latencyMs").getDouble("p99"),
        stop.getLong("lost"), stop.getLong("sendErrors"), stop.getLong("noReply"), server, generator, busy));
    }
    return s.toString();
  }

  private static String idleClasses(String server, JsonObject idle) {
    JsonArray classes = idle == null ? null : idle.getJsonArray("heapGrowthByClass");
    if (classes == null || classes.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("- " + server + ": ");
    for (int i = 0; i < Math.min(8, classes.size()); i++) {
      JsonObject c = classes.getJsonObject(i);
      s.append(i == 0 ? "" : ", ").append('`').append(simpleName(c.getString("class"))).append('`')
        .append(String.format(Locale.ROOT, " %.0f B (×%.1f)", c.getDouble("bytesPerConnection"), c.getDouble("instancesPerConnection")));
    }
    return s.append('\n').toString();
  }

  /** {@code [Ljava.lang.Object;} → {@code Object[]}, {@code [B} → {@code byte[]}, {@code a.b.C} → {@code C}. */
  private static String simpleName(String jvmName) {
    String suffix = "";
    String name = jvmName;
    while (name.startsWith("[")) {
      suffix += "[]";
      name = name.substring(1);
    }
    if (!suffix.isEmpty()) {
      name = switch (name) {
        case "B" -> "byte";
        case "C" -> "char";
        case "I" -> "int";
        case "J" -> "long";
        case "Z" -> "boolean";
        default -> name.startsWith("L") && name.endsWith(";") ? name.substring(1, name.length() - 1) : name;
      };
    }
    return name.substring(name.lastIndexOf('.') + 1) + suffix;
  }

  private static String problems(JsonObject run) {
    StringBuilder s = new StringBuilder();
    for (Object o : run.getJsonArray("scenarios", new JsonArray())) {
      JsonObject sc = (JsonObject) o;
      for (Object st : sc.getJsonArray("steps", new JsonArray())) {
        JsonObject step = (JsonObject) st;
        if (step.getLong("lost") > 0 || step.getLong("duplicates") > 0 || step.getLong("unexpected") > 0
          || step.getLong("noReply") > 0 || step.getLong("sendErrors") > 0) {
          s.append(String.format(Locale.ROOT, "- %s %s at %.0f msg/s: lost %d, duplicated %d, unexpected %d, refused %d, unanswered %d%n",
            run.getString("target"), sc.getString("name"), step.getDouble("targetMsgPerSec"), step.getLong("lost"),
            step.getLong("duplicates"), step.getLong("unexpected"), step.getLong("sendErrors"), step.getLong("noReply")));
        }
      }
    }
    return s.toString();
  }

  private static JsonObject find(JsonArray scenarios, String name) {
    for (Object o : scenarios) {
      if (name.equals(((JsonObject) o).getString("name"))) {
        return (JsonObject) o;
      }
    }
    return null;
  }

  private static String mib(Long bytes) {
    return bytes == null || bytes < 0 ? "?" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  private static String kib(Long bytes) {
    return bytes == null || bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  private static JsonObject read(String file) throws IOException {
    return new JsonObject(Files.readString(Path.of(file)));
  }

  private static JsonObject machine() {
    JsonObject m = new JsonObject().put("cores", Runtime.getRuntime().availableProcessors());
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          m.put("cpuModel", line.substring(line.indexOf(':') + 1).trim());
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          m.put("memoryGiB", String.format(Locale.ROOT, "%.1f", kb / 1048576.0));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave what we have
    }
    m.put("cpuModel", m.getString("cpuModel", System.getProperty("os.arch")));
    m.put("memoryGiB", m.getString("memoryGiB", "?"));
    m.put("java", "Java " + System.getProperty("java.version"));
    return m;
  }
}
