package io.rtchat.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JFR recording's CPU samples went: methods by self time (top frame), by inclusive time (anywhere on the
 * stack), and by package of the first frame that is not the JDK, Netty or Vert.x plumbing.
 *
 * <pre>java -cp rtchat-bench.jar io.rtchat.bench.JfrTop FILE.jfr [ROWS]</pre>
 */
public final class JfrTop {

  private JfrTop() {
  }

  public static void main(String[] args) throws IOException {
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> owners = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    Map<String, Integer> json = new HashMap<>();
    int total = 0;
    try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
          continue;
        }
        List<RecordedFrame> frames = e.getStackTrace().getFrames();
        if (frames.isEmpty()) {
          continue;
        }
        total++;
        self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String owner = null;
        for (RecordedFrame f : frames) {
          String n = name(f.getMethod());
          String type = f.getMethod().getType().getName();
          boolean plumbing = type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
            || type.startsWith("io.netty.") || type.startsWith("io.vertx.core.") || type.startsWith("com.fasterxml.");
          boolean first = seen.add(n);
          if (first && !type.startsWith("java.lang.Thread") && !type.startsWith("io.netty.")
            && !type.startsWith("java.util.concurrent.")) {
            inclusive.merge(n, 1, Integer::sum);
          }
          if (first && type.startsWith("io.rtchat.") && !type.startsWith("io.rtchat.bench.")) {
            ours.merge(n, 1, Integer::sum);
          }
          if (first && (type.startsWith("io.vertx.core.json.") || type.startsWith("io.vertx.ext.mongo.impl.codec")
            || type.startsWith("org.bson.") || type.startsWith("de.bwaldvogel.mongo.wire.bson"))) {
            json.merge(n, 1, Integer::sum);
          }
          if (owner == null && !plumbing) {
            owner = type.substring(0, Math.max(0, type.lastIndexOf('.')));
          }
        }
        owners.merge(owner == null ? "(JDK, Netty, Vert.x core, Jackson only)" : owner, 1, Integer::sum);
      }
    }
    System.out.printf("%d CPU samples in %s%n", total, args[0]);
    print("self (top frame)", self, total, rows);
    print("inclusive (anywhere on the stack; Netty and thread plumbing left out)", inclusive, total, rows);
    print("by package of the first non-plumbing frame", owners, total, rows);
    print("inclusive, rtchat's own methods", ours, total, rows);
    print("inclusive, JSON and BSON (de)serialization", json, total, rows);
  }

  private static String name(RecordedMethod m) {
    return m.getType().getName() + "." + m.getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int rows) {
    System.out.println("-- " + title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
      .forEach(en -> System.out.printf("%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
  }
}
