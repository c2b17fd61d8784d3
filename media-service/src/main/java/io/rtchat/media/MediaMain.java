package io.rtchat.media;

import io.rtchat.common.ClusterBootstrap;

/** Runs the media service alone, as a member of the cluster (one Kubernetes Deployment). */
public final class MediaMain {

  private MediaMain() {
  }

  public static void main(String[] args) {
    ClusterBootstrap.runService("media-service", MediaVerticle::new);
  }
}
