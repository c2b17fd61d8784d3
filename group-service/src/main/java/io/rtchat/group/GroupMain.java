package io.rtchat.group;

import io.rtchat.common.ClusterBootstrap;

/** Runs the group service alone, as a member of the cluster (one Kubernetes Deployment). */
public final class GroupMain {

  private GroupMain() {
  }

  public static void main(String[] args) {
    ClusterBootstrap.runService("group-service", GroupVerticle::new);
  }
}
