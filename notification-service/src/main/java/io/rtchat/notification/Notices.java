package io.rtchat.notification;

import io.rtchat.api.FriendRequestSent;
import io.rtchat.api.GroupInvitationsMade;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.NotificationTypes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of a notice before it is stored for each recipient: {@code {type, content, relatedId, chatId, senderId}}
 * with the content cut to a preview. Built from a {@code notifyUsers} call (checked like any input) or from an
 * internal event of another service. Pure: no store, no bus.
 */
final class Notices {

  private Notices() {
  }

  /** A notice from a {@code notifyUsers} event, or a 400 naming every field that is wrong. */
  static Future<JsonObject> fromCall(JsonObject event) {
    Input in = Input.of(event == null ? new JsonObject() : event);
    String type = in.requiredEnum("type", NotificationTypes.ALL);
    String relatedId = in.optionalId("relatedId");
    String chatId = in.optionalId("chatId");
    String senderId = in.optionalId("senderId");
    if (NotificationTypes.MESSAGE.equals(type) && chatId == null && !in.invalid()) {
      in.problem("chatId", "is required for message notifications");
    }
    if (in.invalid()) {
      return in.failure();
    }
    return Future.succeededFuture(notice(type, event.getValue("content"), relatedId, chatId, senderId));
  }

  static JsonObject friendRequest(FriendRequestSent event) {
    return notice(NotificationTypes.FRIEND_REQUEST, "sent you a friend request", event.getRequestId(), null,
      event.getSenderId());
  }

  static JsonObject groupInvite(GroupInvitationsMade event) {
    return notice(NotificationTypes.GROUP_INVITE, "invited you to " + event.getGroupName(), event.getGroupId(), null,
      event.getSenderId());
  }

  static JsonObject notice(String type, Object content, String relatedId, String chatId, String senderId) {
    return new JsonObject().put("type", type).put("content", preview(content))
      .put("relatedId", relatedId).put("chatId", chatId).put("senderId", senderId);
  }

  /** The content shown in a notification: the text, cut to a preview (a long message must not lose its notification). */
  static String preview(Object content) {
    String text = content instanceof String s ? s.strip() : "";
    int max = NotificationTypes.PREVIEW_CHARS;
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Who gets the notice: valid ids, once each, never its own sender. */
  static List<String> recipients(Collection<String> userIds, String senderId) {
    Set<String> recipients = new LinkedHashSet<>();
    for (String id : userIds == null ? List.<String>of() : userIds) {
      if (Ids.isValid(id) && !id.equals(senderId)) {
        recipients.add(id);
      }
    }
    return List.copyOf(recipients);
  }
}
