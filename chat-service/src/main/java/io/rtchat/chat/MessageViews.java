package io.rtchat.chat;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What leaves the service of a message document. */
final class MessageViews {

  static final int PREVIEW_CHARS = 200;

  private MessageViews() {
  }

  /**
   * A message as {@code viewer} sees it. Stars are personal: {@code starredBy} shows only whether the viewer starred
   * it (a null viewer, for events shared by everyone, sees none). Read receipts ({@code readBy}) are for everyone.
   */
  static JsonObject message(JsonObject doc, String viewer) {
    JsonArray starredBy = doc.getJsonArray("starredBy", new JsonArray());
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("chatId", doc.getString("chatId"))
      .put("groupId", doc.getString("groupId"))
      .put("seq", doc.getLong("seq"))
      .put("clientMsgId", doc.getString("clientMsgId"))
      .put("sender", doc.getString("sender"))
      .put("type", doc.getString("type"))
      .put("content", doc.getString("content"))
      .put("links", doc.getJsonArray("links", new JsonArray()))
      .put("attachments", doc.getJsonArray("attachments", new JsonArray()))
      .put("starredBy", viewer != null && starredBy.contains(viewer) ? new JsonArray().add(viewer) : new JsonArray())
      .put("readBy", doc.getJsonArray("readBy", new JsonArray()))
      .put("deleted", doc.getBoolean("deleted", false))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")))
      .put("editedAt", Dates.iso(doc.getValue("editedAt")));
  }

  /** The chat's copy of its newest message ({@code lastMessage}): enough for a chat list, content cut short. */
  static JsonObject summary(JsonObject doc) {
    String content = doc.getString("content", "");
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("seq", doc.getLong("seq"))
      .put("sender", doc.getString("sender"))
      .put("type", doc.getString("type"))
      .put("content", content.length() > PREVIEW_CHARS ? content.substring(0, PREVIEW_CHARS) : content)
      .put("deleted", doc.getBoolean("deleted", false))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")));
  }

  /** The data of {@code message.edited}. */
  static JsonObject edited(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("chatId", doc.getString("chatId"))
      .put("seq", doc.getLong("seq"))
      .put("content", doc.getString("content"))
      .put("links", doc.getJsonArray("links", new JsonArray()))
      .put("editedAt", Dates.iso(doc.getValue("editedAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }

  /** The data of {@code message.deleted}. */
  static JsonObject deleted(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("chatId", doc.getString("chatId"))
      .put("seq", doc.getLong("seq"))
      .put("deleted", true)
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }
}
