package io.rtchat.group;

import io.rtchat.api.AuthService;
import io.rtchat.common.DocumentView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What leaves the service of invitation and group documents (through the shared {@link DocumentView}). */
final class GroupViews {

  private GroupViews() {
  }

  static JsonObject invitation(JsonObject doc) {
    JsonObject view = DocumentView.of(doc, "kind", "sender", "receiver", "content", "status", "createdAt")
      .put("content", doc.getString("content", ""));
    if (doc.getString("groupId") != null) {
      view.put("groupId", doc.getString("groupId"));
    }
    return view;
  }

  static JsonObject group(JsonObject doc) {
    JsonObject view = DocumentView.of(doc, "name", "members", "admins", "invited", "createdBy", "chatId",
      "createdAt", "updatedAt");
    for (String list : List.of("members", "admins", "invited")) {
      if (view.getValue(list) == null) {
        view.put(list, new JsonArray());
      }
    }
    return view;
  }

  /** What an invitee or a former member sees of a group: its id, name and chat. */
  static JsonObject summary(JsonObject group) {
    return new JsonObject().put("id", group.getString("_id")).put("name", group.getString("name"))
      .put("chatId", group.getString("chatId"));
  }

  static List<String> ids(JsonObject doc, String field) {
    return doc.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  /** Adds {@code senderProfile} and {@code receiverProfile} (public profiles from auth-service) to invitation views. */
  static Future<List<JsonObject>> withProfiles(AuthService auth, List<JsonObject> views) {
    List<String> ids = views.stream()
      .flatMap(v -> Stream.of(v.getString("sender"), v.getString("receiver")))
      .distinct().toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(views);
    }
    return auth.getProfiles(ids).map(profiles -> {
      Map<String, JsonObject> byId = new HashMap<>();
      profiles.forEach(p -> byId.put(((JsonObject) p).getString("id"), (JsonObject) p));
      views.forEach(v -> v.put("senderProfile", withoutPresence(byId.get(v.getString("sender"))))
        .put("receiverProfile", withoutPresence(byId.get(v.getString("receiver")))));
      return views;
    });
  }

  /**
   * An invitation goes to both parties (and its event to the receiver before any answer): they need not be friends or
   * chat partners, so neither profile carries presence ({@code status}, {@code lastSeenAt}).
   */
  private static JsonObject withoutPresence(JsonObject profile) {
    if (profile == null) {
      return null;
    }
    JsonObject copy = profile.copy();
    copy.remove("status");
    copy.remove("lastSeenAt");
    return copy;
  }

  static Future<JsonObject> withProfiles(AuthService auth, JsonObject view) {
    return withProfiles(auth, List.of(view)).map(views -> views.get(0));
  }
}
