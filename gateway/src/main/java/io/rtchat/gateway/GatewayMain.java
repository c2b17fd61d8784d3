package io.rtchat.gateway;

import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/**
 * Runs the gateway alone, as a member of the cluster (one Kubernetes Deployment, behind a Service). It registers no
 * service proxy: it is ready once it listens and is a cluster member; the services' state goes to its metrics.
 */
public final class GatewayMain {

  private GatewayMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("gateway", GatewayVerticle::new, null, List.of(Setting.JWT_SECRET));
  }
}
