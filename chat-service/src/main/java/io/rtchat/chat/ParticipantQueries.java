package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.common.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The questions other services ask about who takes part in which chat: media-service before it accepts an upload
 * for a chat and before it reclaims one, notification-service for whom a user's presence concerns.
 */
final class ParticipantQueries {

  private final ChatStore chats;
  private final MessageStore messages;

  ParticipantQueries(ChatStore chats, MessageStore messages) {
    this.chats = chats;
    this.messages = messages;
  }

  /** Which of these media ids a stored, undeleted message holds; malformed ids are held by none. */
  Future<List<String>> referencedMedia(List<String> mediaIds) {
    List<String> ids = mediaIds == null ? List.of() : mediaIds.stream().filter(Ids::isValid).distinct().toList();
    return ids.isEmpty() ? Future.succeededFuture(List.of()) : messages.referencedMedia(ids);
  }

  /** Whether the user takes part in the chat; false for malformed ids (the callers pass what clients sent). */
  Future<Boolean> isParticipant(String chatId, String userId) {
    if (!Ids.isValid(chatId) || !Ids.isValid(userId)) {
      return Future.succeededFuture(false);
    }
    return chats.isParticipant(chatId, userId);
  }

  /** Everyone the user shares a chat with, each once. */
  Future<JsonArray> chatPartnerIds(String userId) {
    return chats.participantsOfChatsOf(userId).map(found -> {
      Set<String> partners = new LinkedHashSet<>();
      found.forEach(chat -> partners.addAll(ChatViews.participants(chat)));
      partners.remove(userId);
      return new JsonArray(List.copyOf(partners));
    });
  }
}
