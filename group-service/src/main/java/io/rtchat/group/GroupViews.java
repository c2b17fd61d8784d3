package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.Dates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What leaves the service of invitation and group documents, field by field. */
final class GroupViews {

  private GroupViews() {
  }

  static JsonObject invitation(JsonObject doc) {
    JsonObject view = new JsonObject()
      .put("id", doc.getString("_id"))
      .put("kind", doc.getString("kind"))
      .put("sender", doc.getString("sender"))
      .put("receiver", doc.getString("receiver"))
      .put("content", doc.getString("content", ""))
      .put("status", doc.getString("status"))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")));
    if (doc.getString("groupId") != null) {
      view.put("groupId", doc.getString("groupId"));
    }
    return view;
  }

  static JsonObject group(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("name", doc.getString("name"))
      .put("members", doc.getJsonArray("members", new JsonArray()).copy())
      .put("admins", doc.getJsonArray("admins", new JsonArray()).copy())
      .put("invited", doc.getJsonArray("invited", new JsonArray()).copy())
      .put("createdBy", doc.getString("createdBy"))
      .put("chatId", doc.getString("chatId"))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }

  static List<String> ids(JsonObject doc, String field) {
    return doc.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  /** Adds {@code senderProfile} and {@code receiverProfile} (public profiles from auth-service) to invitation views. */
  static Future<List<JsonObject>> withProfiles(AuthService auth, List<JsonObject> views) {
    List<String> ids = views.stream()
      .flatMap(v -> java.util.stream.Stream.of(v.getString("sender"), v.getString("receiver")))
      .distinct().toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(views);
    }
    return auth.getProfiles(ids).map(profiles -> {
      java.util.Map<String, JsonObject> byId = new java.util.HashMap<>();
      profiles.forEach(p -> byId.put(((JsonObject) p).getString("id"), (JsonObject) p));
      views.forEach(v -> v.put("senderProfile", byId.get(v.getString("sender")))
        .put("receiverProfile", byId.get(v.getString("receiver"))));
      return views;
    });
  }
}
