package io.rtchat.chat;

import io.rtchat.common.ClusterBootstrap;

/** Runs the chat service alone, as a member of the cluster (one Kubernetes Deployment). */
public final class ChatMain {

  private ChatMain() {
  }

  public static void main(String[] args) {
    ClusterBootstrap.runService("chat-service", ChatVerticle::new);
  }
}
