package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContextWindowTest {

  private static JsonObject user(String content) {
    return new JsonObject().put("sender", "6b0000000000000000000001").put("content", content).put("deleted", false);
  }

  private static JsonObject assistant(String content) {
    return new JsonObject().put("sender", AiChatService.ASSISTANT_ID).put("content", content).put("deleted", false);
  }

  @Test
  void theNewestTurnsThatFitTheBudgetGoOldestFirstAfterTheSystemPrompt() {
    List<JsonObject> history = List.of(user("aaaaaaaaaa"), assistant("bbbbbbbbbb"), user("cccccccccc"),
      assistant("dddddddddd"), user("eeeee"));
    JsonArray messages = ContextWindow.build("be brief", history, 26);
    assertThat(messages).containsExactly(
      new JsonObject().put("role", "system").put("content", "be brief"),
      new JsonObject().put("role", "user").put("content", "cccccccccc"),
      new JsonObject().put("role", "assistant").put("content", "dddddddddd"),
      new JsonObject().put("role", "user").put("content", "eeeee"));
  }

  @Test
  void theQuestionIsAlwaysSentCutToTheBudgetAndDeletedMessagesNever() {
    List<JsonObject> history = List.of(user("old").put("deleted", true).put("content", ""), user("0123456789"));
    JsonArray messages = ContextWindow.build("", history, 4);
    assertThat(messages).containsExactly(new JsonObject().put("role", "user").put("content", "6789"));
  }
}
