package io.rtchat.notification;

import io.rtchat.common.ClusterBootstrap;

/** Runs the notification service alone, as a member of the cluster (one Kubernetes Deployment). */
public final class NotificationMain {

  private NotificationMain() {
  }

  public static void main(String[] args) {
    ClusterBootstrap.runService("notification-service", NotificationVerticle::new);
  }
}
