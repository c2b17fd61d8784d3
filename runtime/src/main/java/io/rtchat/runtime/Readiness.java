package io.rtchat.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Readiness of this process only: the checks it registers (cluster membership, its own proxy and storage) and
 * whether it is draining. Other services' health never makes a process unready (it would take healthy pods out).
 */
public final class Readiness {

  private final Map<String, Supplier<Future<Void>>> checks = new LinkedHashMap<>();
  private volatile boolean started;
  private volatile boolean draining;

  public synchronized Readiness add(String name, Supplier<Future<Void>> check) {
    checks.put(name, check);
    return this;
  }

  /** Everything is deployed: from now on the checks decide. */
  public void started() {
    started = true;
  }

  /** SIGTERM: unready for good, so the Service stops sending new traffic while in-flight work finishes. */
  public void drain() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  /** {"status": "UP"|"DOWN", "checks": {name: "UP"|error}}; each check gets {@code timeoutMillis}. */
  public Future<JsonObject> check(long timeoutMillis) {
    JsonObject details = new JsonObject();
    if (!started || draining) {
      details.put("process", draining ? "draining" : "starting");
      return Future.succeededFuture(new JsonObject().put("status", "DOWN").put("checks", details));
    }
    List<Future<Void>> running = new ArrayList<>();
    Map<String, Supplier<Future<Void>>> snapshot;
    synchronized (this) {
      snapshot = new LinkedHashMap<>(checks);
    }
    snapshot.forEach((name, check) -> running.add(safely(check).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
      .andThen(ar -> details.put(name, ar.succeeded() ? "UP" : String.valueOf(ar.cause().getMessage())))));
    return Future.join(running).transform(ar -> Future.succeededFuture(new JsonObject()
      .put("status", ar.succeeded() ? "UP" : "DOWN").put("checks", details)));
  }

  private static Future<Void> safely(Supplier<Future<Void>> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** A check that passes while this Vert.x is an active cluster member (always, for a local instance). */
  public static Supplier<Future<Void>> clusterMember(Vertx vertx) {
    return () -> ClusterState.isActiveMember(vertx) ? Future.succeededFuture()
      : Future.failedFuture("not an active cluster member");
  }
}
