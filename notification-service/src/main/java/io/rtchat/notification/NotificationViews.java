package io.rtchat.notification;

import io.rtchat.common.DocumentView;
import io.vertx.core.json.JsonObject;

/** What a client sees of a stored notification (through the shared {@link DocumentView}). */
final class NotificationViews {

  private NotificationViews() {
  }

  static JsonObject view(JsonObject doc) {
    return DocumentView.of(doc, "type", "content", "relatedId", "chatId", "senderId", "count", "read",
        "createdAt", "updatedAt")
      .put("count", doc.getInteger("count", 1))
      .put("read", doc.getBoolean("read", false));
  }
}
