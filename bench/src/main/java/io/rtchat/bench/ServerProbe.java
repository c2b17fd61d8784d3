package io.rtchat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process from the outside, the same way for both servers: CPU time and RSS from /proc, heap use from
 * {@code jcmd GC.heap_info} (after {@code GC.run} when asked). A pid of 0 means "unknown" and reads as -1.
 */
final class ServerProbe {

  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

  private final long pid;

  ServerProbe(long pid) {
    this.pid = pid;
  }

  static ServerProbe self() {
    return new ServerProbe(ProcessHandle.current().pid());
  }

  long pid() {
    return pid;
  }

  /** utime + stime of the process, in nanoseconds. */
  long cpuNanos() {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
      return ticks * 1_000_000_000L / CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time of the process's JIT compiler threads (HotSpot's "C1/C2 CompilerThreadN"), in nanoseconds: how much of
   * the core the server still spends compiling rather than working.
   */
  long compilerCpuNanos() {
    if (pid <= 0) {
      return -1;
    }
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.contains("CompilerThre")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException e) {
          // the thread ended while we listed them
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * 1_000_000_000L / CLOCK_TICKS;
  }

  /** Resident set size in bytes. */
  long rssBytes() {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Heap in use, in bytes; after a full GC when {@code collect} (so only what is live). */
  long heapUsedBytes(boolean collect) {
    if (pid <= 0) {
      return -1;
    }
    if (collect) {
      jcmd("GC.run");
    }
    String info = jcmd("GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    long used = 0;
    boolean found = false;
    while (m.find()) {
      used += Long.parseLong(m.group(1)) * 1024;
      found = true;
    }
    return found ? used : -1;
  }

  /** Live objects by class (a full GC first): class name → {instances, bytes}. */
  Map<String, long[]> liveHistogram() {
    Map<String, long[]> classes = new HashMap<>();
    for (String line : jcmd("GC.class_histogram").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        try {
          classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        } catch (NumberFormatException e) {
          // a header or total line
        }
      }
    }
    return classes;
  }

  /** Runs {@code jcmd <pid> <command...>} and returns what it printed. */
  String jcmd(String... command) {
    if (pid <= 0) {
      return "";
    }
    try {
      List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
      line.addAll(List.of(command));
      Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
