package io.rtchat.auth;

import io.rtchat.common.ClusterBootstrap;

/** Runs the auth service alone, as a member of the cluster (one Kubernetes Deployment). */
public final class AuthMain {

  private AuthMain() {
  }

  public static void main(String[] args) {
    ClusterBootstrap.runService("auth-service", AuthVerticle::new);
  }
}
