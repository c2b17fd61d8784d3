package io.rtchat.notification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces the message notifications of one batch: one {@link Collapse} per (recipient, chat), counting every
 * message and keeping the newest one's preview (message ids are ObjectIds, so the greatest id is the newest; a
 * message without id loses to any with one and otherwise the last one added wins).
 */
final class MessageBatch {

  /** What one batch does to one (user, chat) notification. */
  record Collapse(String userId, String chatId, int count, String messageId, String content, String senderId) {

    String key() {
      return NotificationStore.chatKey(userId, chatId);
    }
  }

  private final Map<String, Collapse> byKey = new LinkedHashMap<>();

  /** Counts a message for each of {@code offlineRecipients}. */
  void add(Collection<String> offlineRecipients, String chatId, String messageId, String content, String senderId) {
    for (String userId : offlineRecipients) {
      String key = NotificationStore.chatKey(userId, chatId);
      Collapse seen = byKey.get(key);
      if (seen == null) {
        byKey.put(key, new Collapse(userId, chatId, 1, messageId, content, senderId));
      } else {
        boolean newer = isNewer(messageId, seen.messageId());
        byKey.put(key, new Collapse(userId, chatId, seen.count() + 1,
          newer ? messageId : seen.messageId(), newer ? content : seen.content(), newer ? senderId : seen.senderId()));
      }
    }
  }

  private static boolean isNewer(String candidate, String current) {
    if (candidate == null) {
      return current == null;
    }
    return current == null || candidate.compareTo(current) > 0;
  }

  List<Collapse> collapses() {
    return List.copyOf(byKey.values());
  }

  boolean isEmpty() {
    return byKey.isEmpty();
  }
}
