package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.api.AiChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Predicate;

/**
 * Each user's assistant chat, the chat kind ai-service answers in: {@code kind: "ai"}, unique key {@code ai:<userId>},
 * participants the user and {@link AiChatService#ASSISTANT_ID}, pinned by the user. ai-service uses it as a bot user
 * would: it opens the chat, posts the user's question as the user and the reply as the assistant. Who may post what is
 * checked here, like membership for any send: the question only by the chat's user, the reply only by the chat's
 * assistant; any other chat, or anyone else, is chat.not_found. Plain sends into it are refused (SendMessage): a
 * question there would never be answered.
 */
final class AssistantChats {

  static final String KIND = "ai";
  static final String NAME = "AI assistant";
  private static final String KEY_PREFIX = "ai:";

  private final ChatStore chats;
  private final ChatStateCache cache;
  private final SendMessage sending;
  private final ChatEvents events;

  AssistantChats(ChatStore chats, ChatStateCache cache, SendMessage sending, ChatEvents events) {
    this.chats = chats;
    this.cache = cache;
    this.sending = sending;
    this.events = events;
  }

  static boolean isAssistantChat(JsonObject chat) {
    return chat != null && KIND.equals(chat.getString("kind"));
  }

  /** The chat's user (its key names them), or null for any other chat. */
  static String owner(JsonObject chat) {
    String key = isAssistantChat(chat) ? chat.getString("key", "") : "";
    return key.startsWith(KEY_PREFIX) ? key.substring(KEY_PREFIX.length()) : null;
  }

  /**
   * Who hears of the chat's messages: in an assistant chat only its user (the assistant is no account, nobody to
   * notify), in any other chat every participant.
   */
  static List<String> people(JsonObject chat) {
    String owner = owner(chat);
    return owner == null ? ChatViews.participants(chat) : List.of(owner);
  }

  /** The user's assistant chat, made on first use; {@code chat.created} reaches the user's devices. */
  Future<JsonObject> open(String userId) {
    if (!Ids.isValid(userId) || AiChatService.ASSISTANT_ID.equals(userId)) {
      return Errors.fail(ErrorCode.VALIDATION, "userId must be a user's id", new JsonObject().put("userId", "must be a user's id"));
    }
    return chats.upsertOwnChat(KEY_PREFIX + userId, KIND, NAME, List.of(userId, AiChatService.ASSISTANT_ID), userId)
      .map(result -> {
        JsonObject doc = result.getJsonObject("chat");
        boolean created = result.getBoolean("created");
        if (created) {
          events.ownChatCreated(doc, userId);
        }
        return new JsonObject().put("created", created).put("chat", ChatViews.chatFor(doc, userId));
      });
  }

  /** The user's question, text only, in their own assistant chat. */
  Future<JsonObject> question(String userId, String chatId, JsonObject body) {
    return chatWhere(chatId, userId, chat -> userId.equals(owner(chat)))
      .compose(chat -> sending.sendText(userId, chat, body, false));
  }

  /** The assistant's reply, possibly incomplete, from the chat's other participant: never from its user. */
  Future<JsonObject> reply(String assistantId, String chatId, JsonObject body) {
    boolean incomplete = body != null && Boolean.TRUE.equals(body.getValue("incomplete"));
    return chatWhere(chatId, assistantId, chat -> owner(chat) != null && !assistantId.equals(owner(chat)))
      .compose(chat -> sending.sendText(assistantId, chat, body, incomplete));
  }

  /** The assistant chat {@code chatId} if {@code senderId} takes part in it and may post there, else chat.not_found. */
  private Future<JsonObject> chatWhere(String chatId, String senderId, Predicate<JsonObject> mayPost) {
    return Input.checkId("chatId", chatId)
      .compose(v -> senderId == null ? Future.succeededFuture(null) : cache.chatFor(chatId, senderId))
      .compose(chat -> chat != null && isAssistantChat(chat) && mayPost.test(chat)
        ? Future.succeededFuture(chat)
        : ChatAccess.<JsonObject>notFound());
  }
}
