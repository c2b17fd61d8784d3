package io.rtchat.call;

import io.rtchat.common.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What leaves the service of a call document: ids as {@code id}, times as ISO-8601, no internal keys. */
final class CallViews {

  private CallViews() {
  }

  static JsonObject call(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("type", doc.getString("type"))
      .put("chatId", doc.getString("chatId"))
      .put("groupId", doc.getString("groupId"))
      .put("initiator", doc.getString("initiator"))
      .put("participants", doc.getJsonArray("participants", new JsonArray()))
      .put("invited", doc.getJsonArray("invited", new JsonArray()))
      .put("busy", doc.getJsonArray("busy", new JsonArray()))
      .put("declined", doc.getJsonArray("declined", new JsonArray()))
      .put("missedBy", doc.getJsonArray("missedBy", new JsonArray()))
      .put("joined", moments(doc.getJsonArray("joined")))
      .put("left", moments(doc.getJsonArray("left")))
      .put("inCall", doc.getJsonArray("inCall", new JsonArray()))
      .put("status", doc.getString("status"))
      .put("endReason", doc.getString("endReason"))
      .put("startedAt", Dates.iso(doc.getValue("startedAt")))
      .put("answeredAt", Dates.iso(doc.getValue("answeredAt")))
      .put("endedAt", Dates.iso(doc.getValue("endedAt")))
      .put("durationSeconds", doc.getValue("durationSeconds"))
      .put("ringDeadline", Dates.iso(doc.getValue("ringDeadline")));
  }

  /** {@code joined}/{@code left} entries with their {@code at} as ISO time. */
  private static JsonArray moments(JsonArray stored) {
    JsonArray out = new JsonArray();
    if (stored != null) {
      stored.forEach(o -> {
        JsonObject entry = ((JsonObject) o).copy();
        entry.put("at", Dates.iso(entry.getValue("at")));
        out.add(entry);
      });
    }
    return out;
  }
}
