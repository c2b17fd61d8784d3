package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.api.AuthService;
import io.rtchat.common.Input;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user finds their chats by a group's name or the other person's name.
 */
final class SearchChats {

  /** How many of the user's most recent chats a search looks through. */
  static final int MAX_SEARCHED_CHATS = 1_000;

  private final ChatStore chats;
  private final AuthService auth;

  SearchChats(ChatStore chats, AuthService auth) {
    this.chats = chats;
    this.auth = auth;
  }

  /**
   * The user's chats whose name (a group's) or other person's username or full name (a 1:1 chat's) contains
   * {@code q}, case-insensitive; pinned first.
   */
  Future<JsonObject> search(String userId, JsonObject query) {
    Input in = Input.of(query);
    String q = in.requiredString("q", 1, 100);
    int limit = PageLimit.of(in);
    if (in.invalid()) {
      return in.failure();
    }
    String needle = q.toLowerCase(Locale.ROOT);
    return chats.recentChatsOf(userId, MAX_SEARCHED_CHATS).compose(found -> {
      List<String> others = found.stream().filter(c -> !c.getBoolean("isGroup", false))
        .flatMap(c -> ChatViews.participants(c).stream()).filter(p -> !p.equals(userId)).distinct().toList();
      Future<JsonArray> profiles = others.isEmpty() ? Future.succeededFuture(new JsonArray()) : auth.getProfiles(others);
      return profiles.map(people -> {
        Map<String, String> names = searchableNames(people);
        List<JsonObject> matches = found.stream()
          .filter(c -> haystack(c, userId, names).contains(needle))
          .map(c -> ChatViews.chatFor(c, userId))
          .sorted(Comparator.comparing((JsonObject c) -> !c.getBoolean("pinned")))
          .toList();
        return Paging.page(matches.size() > limit + 1 ? matches.subList(0, limit + 1) : matches, limit);
      });
    });
  }

  /** Each profile's username, first, last and full name, lower case: what a 1:1 chat is found by. */
  private static Map<String, String> searchableNames(JsonArray profiles) {
    Map<String, String> names = new HashMap<>();
    profiles.stream().map(JsonObject.class::cast).forEach(p -> names.put(p.getString("id"), String.join(" ",
      p.getString("username", ""), p.getString("firstName", ""), p.getString("lastName", ""),
      p.getString("firstName", "") + " " + p.getString("lastName", "")).toLowerCase(Locale.ROOT)));
    return names;
  }

  private static String haystack(JsonObject chat, String userId, Map<String, String> names) {
    return chat.getBoolean("isGroup", false)
      ? String.valueOf(chat.getString("name")).toLowerCase(Locale.ROOT)
      : ChatViews.participants(chat).stream().filter(p -> !p.equals(userId)).map(p -> names.getOrDefault(p, ""))
        .reduce("", String::concat);
  }
}
