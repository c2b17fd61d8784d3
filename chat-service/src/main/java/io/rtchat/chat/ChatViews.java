package io.rtchat.chat;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What leaves the service of a chat document. */
final class ChatViews {

  private ChatViews() {
  }

  static JsonObject chat(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("isGroup", doc.getBoolean("isGroup", false))
      .put("name", doc.getString("name"))
      .put("participants", doc.getJsonArray("participants", new JsonArray()))
      .put("groupId", doc.getString("groupId"))
      .put("lastMessage", doc.getValue("lastMessage"))
      .put("lastSeq", doc.getLong("lastSeq", 0L))
      .put("pinnedBy", doc.getJsonArray("pinnedBy", new JsonArray()))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }
}
