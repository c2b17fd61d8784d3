package io.rtchat.notification;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationShapeTest {

  @Test
  void messagesCollapsePerUserAndChat() {
    assertThat(NotificationStore.chatKey("u1", "c1")).isEqualTo(NotificationStore.chatKey("u1", "c1"));
    assertThat(NotificationStore.chatKey("u1", "c1")).isNotEqualTo(NotificationStore.chatKey("u2", "c1"));
    assertThat(NotificationStore.chatKey("u1", "c1")).isNotEqualTo(NotificationStore.chatKey("u1", "c2"));
  }

  @Test
  void aStoredNotificationIsShownWithIsoDatesAndDefaults() {
    Instant at = Instant.parse("2026-05-06T07:08:09Z");
    JsonObject doc = new JsonObject().put("_id", "n1").put("userId", "u1").put("type", "friend_request")
      .put("content", "sent you a friend request").put("relatedId", "r1").put("senderId", "s1")
      .put("collapseKey", "n1").put("digested", null).put("createdAt", Dates.of(at)).put("updatedAt", Dates.of(at));
    JsonObject view = NotificationViews.view(doc);
    assertThat(view.getString("id")).isEqualTo("n1");
    assertThat(view.getString("createdAt")).isEqualTo("2026-05-06T07:08:09Z");
    assertThat(view.getInteger("count")).isEqualTo(1);
    assertThat(view.getBoolean("read")).isFalse();
    assertThat(view.containsKey("chatId")).isTrue();
    assertThat(view.getString("chatId")).isNull();
    assertThat(view.fieldNames()).doesNotContain("userId", "collapseKey", "digested", "_id");
  }
}
