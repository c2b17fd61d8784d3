package io.rtchat.chat;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What leaves the service of a chat document. */
public final class ChatViews {

  private ChatViews() {
  }

  static JsonObject chat(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("isGroup", doc.getBoolean("isGroup", false))
      .put("kind", doc.getString("kind", doc.getBoolean("isGroup", false) ? "group" : "direct"))
      .put("name", doc.getString("name"))
      .put("participants", doc.getJsonArray("participants", new JsonArray()))
      .put("groupId", doc.getString("groupId"))
      .put("lastMessage", doc.getValue("lastMessage"))
      .put("lastSeq", doc.getLong("lastSeq", 0L))
      .put("pinnedBy", doc.getJsonArray("pinnedBy", new JsonArray()))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }

  /**
   * A chat as every participant may see it, for one event shared by all: without {@code pinnedBy}, since pins are
   * personal (who pinned it is nobody else's business). A client keeps its own pin state from its chat list and
   * from the {@code chat.updated} that only its user hears after a pin or unpin.
   */
  public static JsonObject shared(JsonObject doc) {
    JsonObject chat = chat(doc);
    chat.remove("pinnedBy");
    return chat;
  }

  /**
   * A chat as one participant sees it: pins are personal ({@code pinnedBy} shows only the viewer, {@code pinned}),
   * and {@code unreadCount = lastSeq - readSeq[viewer]}. That is exact because the viewer's own messages move their
   * read pointer, so everything after it was sent by others.
   */
  public static JsonObject chatFor(JsonObject doc, String viewer) {
    JsonObject chat = chat(doc);
    boolean pinned = doc.getJsonArray("pinnedBy", new JsonArray()).contains(viewer);
    long lastSeq = doc.getLong("lastSeq", 0L);
    long readSeq = readSeq(doc, viewer);
    return chat
      .put("pinnedBy", pinned ? new JsonArray().add(viewer) : new JsonArray())
      .put("pinned", pinned)
      .put("readSeq", readSeq)
      .put("unreadCount", Math.max(0L, lastSeq - readSeq));
  }

  /** The chat's participants' ids. */
  public static List<String> participants(JsonObject doc) {
    return doc.getJsonArray("participants", new JsonArray()).stream().map(String::valueOf).toList();
  }

  static long readSeq(JsonObject doc, String userId) {
    return doc.getJsonObject("readSeq", new JsonObject()).getLong(userId, 0L);
  }
}
