package io.rtchat.standalone;

import io.rtchat.standalone.support.ApiClient.Response;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without AI_BASE_URL the assistant is off: asking is 503, reading still works and creates nothing. */
class AiChatNotConfiguredTest extends StackPerClass {

  @Test
  void askingIsRefusedAsNotConfiguredAndNothingIsStored() {
    TestUser ann = users.create("ann");
    Response asked = api.post("/chats/ai/messages", ann.accessToken(), new JsonObject().put("content", "hello?"));
    assertThat(asked.status()).as("ask %s", asked).isEqualTo(503);
    assertThat(asked.errorCode()).isEqualTo("ai.not_configured");
    Response history = api.get("/chats/ai/messages", ann.accessToken());
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.items()).isEmpty();
    assertThat(history.json().getValue("chatId")).isNull();
    assertThat(api.get("/chats", ann.accessToken()).items()).isEmpty();
    assertThat(api.post("/chats/ai/cancel", ann.accessToken(), null).json().getBoolean("cancelled")).isFalse();
  }
}
