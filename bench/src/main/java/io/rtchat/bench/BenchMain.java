package io.rtchat.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Drives one server (rtchat or the raw baseline) through the scenarios and writes its figures as JSON. bench/run
 * calls it once per server, then {@link Report} puts both side by side.
 *
 * <pre>
 * --target rtchat|baseline --port P --server-pid PID --out FILE [--data-dir DIR] [--quick]
 * [--users 100] [--devices 1] [--idle 10000] [--step-seconds 10] [--scenarios 1:1,group10,group100] [--jfr FILE]
 * [--start DELIVERIES_PER_S] [--factor 2] [--max-steps N] [--refine-steps N] [--setup-concurrency 4]
 * </pre>
 */
public final class BenchMain {

  /** How one scenario ramps: deliveries/s to start at, the factor between steps, how many steps at most. */
  private record Plan(double stepSeconds, double warmupSeconds, double startDeliveries, double factor, int maxSteps,
                      int refineSteps, long drainQuietMs, long drainMaxMs, int idleSockets, double serverWarmupSeconds) {
  }

  private BenchMain() {
  }

  public static void main(String[] argv) {
    try {
      run(new Args(argv));
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(Args args) throws Exception {
    boolean quick = args.flag("quick");
    Plan plan = quick
      ? new Plan(args.decimal("step-seconds", 1.5), 0.5, args.decimal("start", 2_000), args.decimal("factor", 2.0),
        args.integer("max-steps", 3), args.integer("refine-steps", 0), 1_000, 5_000, args.integer("idle", 1_000),
        args.decimal("server-warmup-seconds", 0))
      : new Plan(args.decimal("step-seconds", 10), 3, args.decimal("start", 2_000), args.decimal("factor", 2.0),
        args.integer("max-steps", 14), args.integer("refine-steps", 3), 5_000, 30_000, args.integer("idle", 10_000),
        args.decimal("server-warmup-seconds", 90));
    String targetName = args.required("target");
    int port = args.integer("port", 8080);
    int userCount = args.integer("users", 100);
    int devicesPerUser = args.integer("devices", 1);
    List<String> scenarioNames = List.of(args.get("scenarios", "1:1,group10,group100").split(","));
    Path out = Path.of(args.required("out"));
    ServerProbe server = new ServerProbe(Long.parseLong(args.get("server-pid", "0")));
    ServerProbe generator = ServerProbe.self();
    String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + ThreadLocalRandom.current().nextInt(100);

    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    Target target = "baseline".equals(targetName)
      ? new BaselineTarget(vertx, port)
      : new RtchatTarget(vertx, port, Path.of(args.get("data-dir", "./data")), runId, args.integer("setup-concurrency", 4));
    Harness harness = new Harness(vertx, port, runId);

    JsonObject result = new JsonObject().put("target", target.name()).put("storage", target.storage())
      .put("startedAt", Instant.now().toString()).put("quick", quick).put("users", userCount)
      .put("devicesPerUser", devicesPerUser).put("generatorEventLoops", loops)
      .put("generatorCpus", Runtime.getRuntime().availableProcessors()).put("loadAverageAtStart", loadAverage());
    log(target.name() + ": creating " + userCount + " users");
    long t0 = System.nanoTime();
    List<Target.User> users = target.users(userCount).await();

    // Devices: one socket per (user, device), all registered on the user's inbox.
    List<Device> devices = new ArrayList<>();
    List<List<Device>> devicesOfUser = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      List<Device> mine = new ArrayList<>();
      for (int d = 0; d < devicesPerUser; d++) {
        Device device = new Device(devices.size(), u, users.get(u));
        devices.add(device);
        mine.add(device);
      }
      devicesOfUser.add(mine);
    }

    // Chats: pairs for 1:1, blocks of 10, one group of (up to) 100, all from the same users.
    List<BenchChat> allChats = new ArrayList<>();
    JsonArray scenarios = new JsonArray();
    List<Scenario> plannedScenarios = new ArrayList<>();
    String unavailable = null;
    try {
      for (String name : scenarioNames) {
        int size = switch (name) {
          case "1:1" -> 2;
          case "group10" -> 10;
          case "group100" -> Math.min(100, users.size());
          default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
        List<List<Integer>> memberSets = new ArrayList<>();
        for (int first = 0; first + size <= users.size(); first += size) {
          List<Integer> members = new ArrayList<>();
          for (int i = first; i < first + size; i++) {
            members.add(i);
          }
          memberSets.add(members);
          if (name.equals("group100")) {
            break;
          }
        }
        log(target.name() + ": creating " + memberSets.size() + " chats for " + name);
        List<String> ids = Bounded.map(memberSets, 4, members -> size == 2
          ? target.directChat(users.get(members.get(0)), users.get(members.get(1)))
          : target.groupChat("bench " + name + " " + members.get(0), members.stream().map(users::get).toList())).await();
        List<BenchChat> chats = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          List<Device> chatDevices = new ArrayList<>();
          List<Device> senders = new ArrayList<>();
          for (int u : memberSets.get(i)) {
            chatDevices.addAll(devicesOfUser.get(u));
            senders.add(devicesOfUser.get(u).get(0));
          }
          BenchChat chat = new BenchChat(allChats.size(), ids.get(i), chatDevices, senders);
          allChats.add(chat);
          chats.add(chat);
        }
        plannedScenarios.add(new Scenario(name, size, chats));
      }
    } catch (RuntimeException e) {
      unavailable = e.getMessage();
      log(target.name() + ": chats are not available, scenarios skipped: " + unavailable);
      allChats.clear();
      plannedScenarios.clear();
    }
    result.put("setupSeconds", SR((System.nanoTime() - t0) / 1e9)).put("chatsAvailable", unavailable == null);
    if (unavailable != null) {
      result.put("chatsUnavailableReason", unavailable);
    }

    log(target.name() + ": connecting " + devices.size() + " sockets");
    harness.connectAll(devices, 50).await();
    boolean echo = true;
    if (!allChats.isEmpty()) {
      try {
        echo = harness.sync(allChats, List.of(), null, 30_000);
      } catch (IllegalStateException e) {
        unavailable = "client.chat.send does not deliver: " + e.getMessage();
        log(target.name() + ": " + unavailable);
        result.put("chatsAvailable", false).put("chatsUnavailableReason", unavailable);
        allChats.clear();
        plannedScenarios.clear();
      }
    }
    result.put("echoSender", echo);
    result.put("heapAfterSetupBytes", server.heapUsedBytes(true));

    // Profile the measured part only (not user setup, whose Argon2 hashing would dominate): JFR started by jcmd
    // before the server warm-up, because starting it instruments classes and sends the JIT back to work, and dumped
    // from the start of the first measured step.
    String jfr = args.get("jfr", null);
    if (jfr != null && !plannedScenarios.isEmpty()) {
      log(server.jcmd("JFR.start", "name=bench", "settings=profile").trim());
    }

    // A server that has just started spends its core compiling (on one pinned core the JIT competes with the work
    // for minutes: in a full run the C2 compiler thread still took more of the core than the event loop during the
    // first ramp). Every scenario runs unmeasured first, in rounds, until a round leaves the JIT compiler threads
    // under JIT_QUIET of a core (or --server-warmup-max-seconds), so the ramps measure the steady state a running
    // server is in. Both servers get the same warm-up.
    if (plan.serverWarmupSeconds > 0 && !plannedScenarios.isEmpty()) {
      double each = plan.serverWarmupSeconds / plannedScenarios.size();
      double maxSeconds = args.decimal("server-warmup-max-seconds", 600);
      long warmupStart = System.nanoTime();
      int rounds = 0;
      double jitShare;
      do {
        rounds++;
        long wall0 = System.nanoTime();
        long jit0 = server.compilerCpuNanos();
        for (Scenario scenario : plannedScenarios) {
          int perMessage = (echo ? scenario.size : scenario.size - 1) * devicesPerUser;
          log(target.name() + ": " + scenario.name + " server warm-up round " + rounds + ", " + Math.round(each)
            + " s (not measured)");
          harness.run(scenario.name, scenario.chats, echo, plan.startDeliveries / perMessage / 4, each, server,
            generator, plan.drainQuietMs, plan.drainMaxMs);
        }
        jitShare = jit0 < 0 ? 0 : (double) (server.compilerCpuNanos() - jit0) / (System.nanoTime() - wall0);
        log(target.name() + ": warm-up round " + rounds + ": JIT compiler threads used "
          + Math.round(jitShare * 100) + "% of a core");
      } while (jitShare > JIT_QUIET && (System.nanoTime() - warmupStart) / 1e9 + plan.serverWarmupSeconds <= maxSeconds);
      result.put("serverWarmupSeconds", Math.round((System.nanoTime() - warmupStart) / 1e9))
        .put("serverWarmupRounds", rounds).put("jitShareAfterWarmup", Math.round(jitShare * 1000) / 1000.0);
    }

    String measuredFrom = java.time.LocalTime.now().withNano(0).toString();
    for (Scenario scenario : plannedScenarios) {
      int perMessage = (echo ? scenario.size : scenario.size - 1) * devicesPerUser;
      JsonObject s = new JsonObject().put("name", scenario.name).put("groupSize", scenario.size)
        .put("chats", scenario.chats.size()).put("deliveriesPerMessage", perMessage);
      JsonArray steps = new JsonArray();
      double rate = plan.startDeliveries / perMessage;
      log(target.name() + ": " + scenario.name + " warm-up");
      harness.run(scenario.name, scenario.chats, echo, rate / 4, plan.warmupSeconds, server, generator, plan.drainQuietMs, plan.drainMaxMs);
      // Ramp: double (or halve, if even the first rate fails) until the outcome flips, then narrow the gap between
      // the last passing and the first failing rate by geometric bisection.
      StepResult best = null;
      Double pass = null;
      Double fail = null;
      int refined = 0;
      for (int i = 0; i < plan.maxSteps && refined <= plan.refineSteps; i++) {
        settle(server);
        long jit0 = server.compilerCpuNanos();
        long wall0 = System.nanoTime();
        StepResult r = harness.run(scenario.name, scenario.chats, echo, rate, plan.stepSeconds, server, generator, plan.drainQuietMs, plan.drainMaxMs);
        double jitPercent = jit0 < 0 ? -1 : Math.round((server.compilerCpuNanos() - jit0) * 1000.0 / (System.nanoTime() - wall0)) / 10.0;
        log(target.name() + ": " + r.line() + " jit " + jitPercent + "%");
        steps.add(r.toJson().put("serverJitCpuPercent", jitPercent));
        if (r.pass) {
          pass = pass == null ? rate : Math.max(pass, rate);
          if (best == null || r.deliveredPerSec > best.deliveredPerSec) {
            best = r;
          }
        } else {
          fail = fail == null ? rate : Math.min(fail, rate);
        }
        if (pass != null && fail != null) {
          refined++;
          rate = Math.sqrt(pass * fail);
        } else if (pass != null) {
          rate = rate * plan.factor;
        } else if (rate / plan.factor >= 1) {
          rate = rate / plan.factor;
        } else {
          break;
        }
        Thread.sleep(200);
      }
      s.put("steps", steps).put("best", best == null ? null : best.toJson())
        .put("heapUsedBytes", server.heapUsedBytes(false)).put("rssBytes", server.rssBytes());
      scenarios.add(s);
      Thread.sleep(500);
    }
    result.put("scenarios", scenarios);
    if (jfr != null && !plannedScenarios.isEmpty()) {
      log(server.jcmd("JFR.dump", "name=bench", "begin=" + measuredFrom, "filename=" + Path.of(jfr).toAbsolutePath()).trim());
      log(server.jcmd("JFR.stop", "name=bench").trim());
    }

    // Idle connections: heap after a full GC, before and after N more sockets registered on their inboxes.
    if (plan.idleSockets > 0) {
      result.put("idle", idle(harness, plan.idleSockets, users, devices.size(), allChats, plannedScenarios, server));
    }
    result.put("loadAverageAtEnd", loadAverage());
    result.put("errorSamples", new JsonArray(new ArrayList<>(harness.errorSamples)));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, result.encodePrettily());
    log(target.name() + ": wrote " + out);
  }

  /** A warm-up round whose JIT compiler threads used no more than this share of a core ends the warm-up. */
  private static final double JIT_QUIET = 0.05;

  /**
   * Waits (up to 20 s) until the server's CPU falls below a fifth of a core over half a second: a step that
   * overloaded the server leaves garbage and backlog behind, which would otherwise be billed to the next step.
   */
  private static void settle(ServerProbe server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      long cpu0 = server.cpuNanos();
      long wall0 = System.nanoTime();
      Thread.sleep(500);
      if (cpu0 < 0 || (double) (server.cpuNanos() - cpu0) / (System.nanoTime() - wall0) < 0.2) {
        return;
      }
    }
  }

  private record Scenario(String name, int size, List<BenchChat> chats) {
  }

  private static JsonObject idle(Harness harness, int count, List<Target.User> users, int firstIndex,
                                 List<BenchChat> allChats, List<Scenario> scenarios, ServerProbe server) throws Exception {
    log("idle: heap before");
    long heapBefore = server.heapUsedBytes(true);
    long rssBefore = server.rssBytes();
    Map<String, long[]> classesBefore = server.liveHistogram();
    List<Device> idle = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int u = i % users.size();
      idle.add(new Device(firstIndex + i, u, users.get(u)));
    }
    log("idle: connecting " + count + " sockets");
    long t0 = System.nanoTime();
    harness.connectAll(idle, 200).await();
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    // Proof that every registration took effect: a message in the chat every user is in reaches every idle socket.
    BenchChat everyone = scenarios.stream().filter(s -> s.chats.size() == 1 && s.size == users.size())
      .map(s -> s.chats.get(0)).findFirst().orElse(null);
    boolean verified = false;
    if (everyone != null) {
      harness.sync(List.of(), idle, everyone, 60_000);
      verified = true;
    } else {
      Thread.sleep(3_000);
    }
    Thread.sleep(500);
    long heapAfter = server.heapUsedBytes(true);
    long rssAfter = server.rssBytes();
    // What one more idle connection costs, class by class: the growth of the live-object histogram per socket.
    Map<String, long[]> classesAfter = server.liveHistogram();
    JsonArray perClass = new JsonArray();
    classesAfter.entrySet().stream()
      .map(e -> Map.entry(e.getKey(), e.getValue()[1] - classesBefore.getOrDefault(e.getKey(), new long[2])[1]))
      .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(Integer.getInteger("bench.histogramClasses", 20)) // -Dbench.histogramClasses=N for more
      .forEach(e -> perClass.add(new JsonObject().put("class", e.getKey())
        .put("bytesPerConnection", SR((double) e.getValue() / count))
        .put("instancesPerConnection", SR((double) (classesAfter.get(e.getKey())[0]
          - classesBefore.getOrDefault(e.getKey(), new long[2])[0]) / count))));
    JsonObject r = new JsonObject().put("sockets", count).put("users", users.size())
      .put("registrationsVerified", verified).put("connectSeconds", SR(connectSeconds))
      .put("heapBeforeBytes", heapBefore).put("heapAfterBytes", heapAfter)
      .put("heapPerConnectionBytes", heapBefore < 0 ? -1 : (heapAfter - heapBefore) / count)
      .put("rssBeforeBytes", rssBefore).put("rssAfterBytes", rssAfter)
      .put("rssPerConnectionBytes", rssBefore < 0 ? -1 : (rssAfter - rssBefore) / count)
      .put("heapGrowthByClass", perClass);
    log("idle: " + r.encode());
    harness.close(idle).await();
    return r;
  }

  /** The 1-minute load average: how busy the machine was with everything, this run included. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return -1;
    }
  }

  private static double SR(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static void log(String line) {
    System.out.println(Instant.now().toString().substring(11, 23) + " " + line);
  }
}
