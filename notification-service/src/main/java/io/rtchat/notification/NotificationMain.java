package io.rtchat.notification;

import io.rtchat.api.NotificationService;
import io.rtchat.common.Setting;
import io.rtchat.runtime.ServiceRunner;

import java.util.List;

/** Runs the notification-service alone, as a member of the cluster (one Kubernetes Deployment); refuses to start without its MongoDB and SMTP server. */
public final class NotificationMain {

  private NotificationMain() {
  }

  public static void main(String[] args) {
    ServiceRunner.run("notification-service", NotificationVerticle::new, NotificationService.ADDRESS, List.of(Setting.MONGO_URI, Setting.SMTP_HOST));
  }
}
