package io.rtchat.group;

import io.rtchat.api.NotificationService;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Fire-and-forget calls to notification-service: a failure there is logged and never fails the caller's action. */
class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final NotificationService notifications;

  Notifier(NotificationService notifications) {
    this.notifications = notifications;
  }

  void notify(List<String> userIds, String type, String content, String relatedId, String senderId) {
    if (userIds.isEmpty()) {
      return;
    }
    JsonObject event = new JsonObject().put("type", type).put("content", content)
      .put("relatedId", relatedId).put("senderId", senderId);
    try {
      notifications.notifyUsers(userIds, event)
        .onFailure(err -> log.warn("notification not recorded type={} relatedId={} error={}", type, relatedId, err.getMessage()));
    } catch (RuntimeException e) {
      log.warn("notification not recorded type={} relatedId={} error={}", type, relatedId, e.getMessage());
    }
  }
}
