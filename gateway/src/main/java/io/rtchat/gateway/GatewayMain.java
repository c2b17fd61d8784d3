package io.rtchat.gateway;

import io.rtchat.common.ClusterBootstrap;

/** Runs the gateway alone, as a member of the cluster (one Kubernetes Deployment, behind a Service). */
public final class GatewayMain {

  private GatewayMain() {
  }

  public static void main(String[] args) {
    ClusterBootstrap.runService("gateway", GatewayVerticle::new);
  }
}
