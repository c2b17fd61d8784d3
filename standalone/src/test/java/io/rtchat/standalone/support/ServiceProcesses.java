package io.rtchat.standalone.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Services started the way their Deployments start them: each its own JVM, {@code java -jar} on the module's jar
 * (with its target/lib), configured by environment only. The jars are built by {@code package}, so these tests run
 * under {@code mvn verify} (not {@code mvn test}). Each process's output goes to target/mesh-logs/&lt;name&gt;.log.
 */
public final class ServiceProcesses implements AutoCloseable {

  /** Small, quick-starting JVMs: the mesh is eight of them on a shared machine. */
  private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final Path repository;
  private final Path logs;
  private final Map<String, String> common;
  private final Map<String, Member> members = new LinkedHashMap<>();

  /** One process: its name, OS process, management port and (for a gateway) public port. */
  public record Member(String name, Process process, int managementPort, int httpPort) {
  }

  public ServiceProcesses(Path repository, Map<String, String> common) throws IOException {
    this.repository = repository;
    this.logs = repository.resolve("standalone/target/mesh-logs");
    Files.createDirectories(logs);
    this.common = common;
  }

  /** The repository root when the module jars are built, else null (run under {@code mvn verify}). */
  public static Path builtRepository() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("gateway/target/rtchat-gateway.jar"))
        && Files.isDirectory(dir.resolve("gateway/target/lib"))) {
        return dir;
      }
    }
    return null;
  }

  /** Starts {@code module}'s jar as {@code name}, with these settings on top of the common ones. */
  public Member start(String name, String module, Map<String, String> settings) throws IOException {
    int managementPort = freePort();
    Map<String, String> env = new LinkedHashMap<>(common);
    env.putAll(settings);
    env.put("MANAGEMENT_HOST", "127.0.0.1");
    env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM);
    command.add("-jar");
    command.add(repository.resolve(module + "/target/rtchat-" + module + ".jar").toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
      .redirectOutput(logs.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    Member member = new Member(name, builder.start(), managementPort,
      Integer.parseInt(env.getOrDefault("HTTP_PORT", "-1")));
    members.put(name, member);
    return member;
  }

  public Member get(String name) {
    return members.get(name);
  }

  public List<Member> all() {
    return List.copyOf(members.values());
  }

  /** The status of GET /ready on the member's management port, or -1 when nothing answers. */
  public static int ready(Member member) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + member.managementPort() + "/ready"))
        .timeout(Duration.ofSeconds(5)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until every named member answers /ready with 200; fails naming those that did not, with their log tail. */
  public void awaitReady(List<Member> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Member> notReady = new ArrayList<>(wanted);
    while (!notReady.isEmpty() && System.nanoTime() < deadline) {
      notReady.removeIf(m -> ready(m) == 200);
      for (Member m : notReady) {
        if (!m.process().isAlive()) {
          throw new AssertionError(m.name() + " exited with " + m.process().exitValue() + " before it was ready:\n" + tail(m));
        }
      }
      sleep(500);
    }
    notReady.removeIf(m -> ready(m) == 200);
    if (!notReady.isEmpty()) {
      StringBuilder why = new StringBuilder("not ready within " + timeout.toSeconds() + " s:");
      notReady.forEach(m -> why.append("\n--- ").append(m.name()).append(" (/ready ").append(ready(m)).append(")\n").append(tail(m)));
      throw new AssertionError(why.toString());
    }
  }

  /** The last lines of the member's log. */
  public String tail(Member member) {
    try {
      List<String> lines = Files.readAllLines(logs.resolve(member.name() + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM (a Kubernetes pod deletion after preStop) and wait for the process to end. */
  public int terminate(Member member, Duration timeout) throws InterruptedException {
    member.process().destroy();
    if (!member.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(member.name() + " did not exit within " + timeout.toSeconds() + " s of SIGTERM:\n" + tail(member));
    }
    return member.process().exitValue();
  }

  /** SIGKILL (a node lost, an OOM kill): no drain at all. */
  public void kill(Member member) throws InterruptedException {
    member.process().destroyForcibly();
    member.process().waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the process stays, but runs nothing (a stalled VM, a long GC pause, a throttled container). */
  public void freeze(Member member) {
    signal(member, "STOP");
  }

  /** SIGCONT: a frozen process runs on (harmless for one that is not stopped). */
  public void resume(Member member) {
    if (member.process().isAlive()) {
      signal(member, "CONT");
    }
  }

  private static void signal(Member member, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(member.process().pid()))
        .redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + member.name() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("kill -" + signal + " " + member.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A base port with {@code count} free ports after it, for Hazelcast members that name each other explicitly: a
   * member list of only this test's ports never reaches another build's cluster on this machine.
   */
  public static int freePortRange(int count) {
    return TestStack.freePortRange(count);
  }

  public static int freePort() throws IOException {
    return TestStack.freePort();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Member m : members.values()) {
      try {
        resume(m); // SIGKILL ends a stopped JVM too, but nothing is left stopped even if it did not
      } catch (RuntimeException e) {
        System.err.println("could not resume " + m.name() + ": " + e);
      }
      m.process().destroyForcibly();
    }
    for (Member m : members.values()) {
      try {
        m.process().waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
