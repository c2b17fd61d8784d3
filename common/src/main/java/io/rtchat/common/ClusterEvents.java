package io.rtchat.common;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Logs what an operator needs to follow a cluster fault: members dropped and added, and this member merging back
 * after a split (Hazelcast's own log is kept at WARN, which says none of this plainly).
 */
final class ClusterEvents {

  private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

  private ClusterEvents() {
  }

  static List<ListenerConfig> listeners() {
    MembershipListener membership = new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        log.info("cluster member added member={} members={}", event.getMember().getAddress(), event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        log.warn("cluster member removed member={} members={}", event.getMember().getAddress(), event.getMembers().size());
      }
    };
    LifecycleListener lifecycle = event -> {
      switch (event.getState()) {
        case MERGING, MERGED -> log.warn("cluster split healing state={}", event.getState());
        case MERGE_FAILED -> log.error("cluster split did not heal state={}", event.getState());
        default -> log.debug("cluster lifecycle state={}", event.getState());
      }
    };
    return List.of(new ListenerConfig(membership), new ListenerConfig(lifecycle));
  }
}
