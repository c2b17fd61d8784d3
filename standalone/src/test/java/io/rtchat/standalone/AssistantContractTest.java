package io.rtchat.standalone;

import io.rtchat.api.AiChatService;
import io.rtchat.api.ChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.standalone.support.Chats;
import io.rtchat.standalone.support.StackPerClass;
import io.rtchat.standalone.support.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The narrow contract ai-service stores its chats through (issue 23): the three assistant methods of
 * {@link ChatService}, called through the service proxy on the clustered bus the way ai-service calls them. Whoever
 * calls them, a question goes only into the asker's own assistant chat and a reply only from that chat's assistant;
 * anything else is {@code chat.not_found} and stores nothing.
 */
class AssistantContractTest extends StackPerClass {

  private ChatService chatService;

  @BeforeAll
  void proxy() {
    chatService = ChatService.createProxy(stack.vertx);
  }

  private String assistantChatOf(TestUser user) {
    return chatService.openAssistantChat(user.id()).await().getJsonObject("chat").getString("id");
  }

  private JsonArray history(TestUser reader, String chatId) {
    return chatService.listMessages(reader.id(), chatId, new JsonObject()).await().getJsonArray("items");
  }

  private static void assertRefused(Future<JsonObject> call, ErrorCode code) {
    Throwable failure = call.<Throwable>transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(failure).as("refused with %s", code.code()).isNotNull();
    assertThat(Errors.is(failure, code)).as("%s is %s", failure, code.code()).isTrue();
  }

  @Test
  void aReplyFromTheChatsOwnUserIsRefusedAndNotStored() {
    TestUser ann = users.create("ann");
    String chatId = assistantChatOf(ann);

    assertRefused(chatService.sendAssistantReply(ann.id(), chatId, Chats.text("I am the assistant now")),
      ErrorCode.CHAT_NOT_FOUND);
    assertThat(history(ann, chatId)).isEmpty();

    // the same call from the assistant is what is allowed: the refusal above is about who, not what
    JsonObject reply = chatService.sendAssistantReply(AiChatService.ASSISTANT_ID, chatId, Chats.text("Hello")).await();
    assertThat(reply.getJsonObject("message").getString("sender")).isEqualTo(AiChatService.ASSISTANT_ID);
    assertThat(history(ann, chatId)).hasSize(1);
  }

  @Test
  void aQuestionIntoAnotherUsersAssistantChatIsNotFoundAndNotStored() {
    TestUser ann = users.create("ann");
    TestUser eve = users.create("eve");
    String annsChat = assistantChatOf(ann);
    assistantChatOf(eve);

    assertRefused(chatService.sendAssistantQuestion(eve.id(), annsChat, Chats.text("what did ann ask?")),
      ErrorCode.CHAT_NOT_FOUND);
    assertThat(history(ann, annsChat)).isEmpty();

    // the assistant cannot be made to ask either: a question comes only from the chat's user
    assertRefused(chatService.sendAssistantQuestion(AiChatService.ASSISTANT_ID, annsChat, Chats.text("asking myself")),
      ErrorCode.CHAT_NOT_FOUND);
    assertThat(history(ann, annsChat)).isEmpty();
  }

  @Test
  void aReplyIntoADirectChatIsNotFoundAndNotStored() {
    TestUser ann = users.create("ann");
    TestUser ben = users.create("ben");
    String direct = chats.direct(ann, ben);

    assertRefused(chatService.sendAssistantReply(AiChatService.ASSISTANT_ID, direct, Chats.text("hi from the bot")),
      ErrorCode.CHAT_NOT_FOUND);
    assertRefused(chatService.sendAssistantReply(ben.id(), direct, Chats.text("ben posing as the bot")),
      ErrorCode.CHAT_NOT_FOUND);
    assertRefused(chatService.sendAssistantQuestion(ann.id(), direct, Chats.text("a question into a 1:1")),
      ErrorCode.CHAT_NOT_FOUND);
    assertThat(history(ann, direct)).isEmpty();
    assertThat(history(ben, direct)).isEmpty();
  }
}
