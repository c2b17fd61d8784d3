package io.rtchat.chat;

import io.rtchat.api.AuthService;
import io.rtchat.api.FriendService;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's chats as they see them: opening a 1:1 chat with a friend, the chat list (pinned first, then by last
 * activity), finding a chat by its name or the other person's name, one chat, and pinning.
 */
final class ChatDirectory {

  /** How many of the user's most recent chats a search looks through. */
  static final int MAX_SEARCHED_CHATS = 1_000;

  private final ChatStore chats;
  private final ChatAccess access;
  private final ChatEvents events;
  private final FriendService friends;
  private final AuthService auth;

  ChatDirectory(ChatStore chats, ChatAccess access, ChatEvents events, FriendService friends, AuthService auth) {
    this.chats = chats;
    this.access = access;
    this.events = events;
    this.friends = friends;
    this.auth = auth;
  }

  /** The pair's 1:1 chat, created on first use; only between friends (group-service knows who is). */
  Future<JsonObject> openDirectChat(String userId, JsonObject body) {
    Input in = Input.of(body);
    String otherId = in.requiredId("participantId");
    if (userId.equals(otherId)) {
      in.problem("participantId", "must be someone else");
    }
    if (in.invalid()) {
      return in.failure();
    }
    return friends.areFriends(userId, otherId)
      .compose(areFriends -> areFriends
        ? chats.upsertDirectChat(userId, otherId)
        : Errors.<JsonObject>fail(ErrorCode.CHAT_NOT_FRIEND, "One-to-one chats are between friends"))
      .map(result -> {
        JsonObject doc = result.getJsonObject("chat");
        boolean created = result.getBoolean("created");
        if (created) {
          events.directChatCreated(doc);
        }
        return new JsonObject().put("created", created).put("chat", ChatViews.chatFor(doc, userId));
      });
  }

  /** Pinned chats all come on the first page; later pages continue through the unpinned ones by last activity. */
  Future<JsonObject> list(String userId, JsonObject query) {
    Input in = Input.of(query);
    String before = in.optionalString("before", 1, 64);
    int limit = PageLimit.of(in);
    Instant beforeTime = null;
    if (before != null) {
      try {
        beforeTime = Instant.parse(before);
      } catch (DateTimeParseException e) {
        in.problem("before", "must be an ISO-8601 time (a chat's updatedAt)");
      }
    }
    if (in.invalid()) {
      return in.failure();
    }
    Future<List<JsonObject>> pinned = beforeTime == null
      ? chats.chatsOf(userId, true, null, Paging.MAX_LIMIT)
      : Future.succeededFuture(List.of());
    JsonObject cursor = beforeTime == null ? null : Dates.of(beforeTime);
    return pinned.compose(pins -> chats.chatsOf(userId, false, cursor, limit + 1).map(others -> {
      List<JsonObject> items = new ArrayList<>();
      pins.forEach(doc -> items.add(ChatViews.chatFor(doc, userId)));
      others.stream().limit(limit).forEach(doc -> items.add(ChatViews.chatFor(doc, userId)));
      return new JsonObject().put("items", new JsonArray(items)).put("hasMore", others.size() > limit);
    }));
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

  Future<JsonObject> get(String userId, String chatId) {
    return access.chatOf(chatId, userId).map(doc -> ChatViews.chatFor(doc, userId));
  }

  /** Pins are personal: only the user's own list (and devices) change. */
  Future<JsonObject> pin(String userId, String chatId, boolean pinned) {
    return Input.checkId("chatId", chatId)
      .compose(v -> chats.setPinned(chatId, userId, pinned))
      .compose(doc -> doc == null ? ChatAccess.<JsonObject>notFound() : Future.succeededFuture(doc))
      .map(doc -> {
        JsonObject chat = ChatViews.chatFor(doc, userId);
        events.pinChanged(userId, chat);
        return chat;
      });
  }
}
