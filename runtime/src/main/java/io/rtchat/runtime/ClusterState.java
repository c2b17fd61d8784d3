package io.rtchat.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;

/** Whether a Vert.x instance is (still) a member of its cluster. */
final class ClusterState {

  private ClusterState() {
  }

  static boolean isActiveMember(Vertx vertx) {
    if (!vertx.isClustered()) {
      return true;
    }
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    return manager != null && manager.isActive();
  }
}
