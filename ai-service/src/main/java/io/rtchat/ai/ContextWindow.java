package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the model is sent: the system prompt, then the most recent turns of the chat that fit in
 * AI_MAX_HISTORY_CHARS, taken newest first and stopping at the first that does not fit (so the context has no holes),
 * oldest first in the request. The question just asked is always sent, cut to the budget if it alone exceeds it.
 * Deleted and empty messages are left out; the assistant's own messages (an incomplete one too) are its turns.
 */
final class ContextWindow {

  private ContextWindow() {
  }

  /** {@code history}: message views, oldest first, ending with the question. */
  static JsonArray build(String systemPrompt, List<JsonObject> history, int maxChars) {
    List<JsonObject> turns = new ArrayList<>();
    int used = 0;
    for (int i = history.size() - 1; i >= 0; i--) {
      JsonObject message = history.get(i);
      String content = message.getString("content", "");
      if (message.getBoolean("deleted", false) || content.isBlank()) {
        continue;
      }
      if (used + content.length() > maxChars) {
        if (turns.isEmpty()) {
          turns.add(turn(message, content.substring(content.length() - maxChars)));
        }
        break;
      }
      used += content.length();
      turns.add(turn(message, content));
    }
    Collections.reverse(turns);
    JsonArray messages = new JsonArray();
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      messages.add(new JsonObject().put("role", "system").put("content", systemPrompt));
    }
    turns.forEach(messages::add);
    return messages;
  }

  private static JsonObject turn(JsonObject message, String content) {
    String role = AiChatService.ASSISTANT_ID.equals(message.getString("sender")) ? "assistant" : "user";
    return new JsonObject().put("role", role).put("content", content);
  }
}
