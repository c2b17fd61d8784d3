package io.rtchat.chat;

import io.rtchat.api.MessageStored;
import io.rtchat.common.NotificationTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a message document looks to its viewers, and what the rest of the system hears of it. */
class MessageViewsTest {

  private static final JsonObject WHEN = new JsonObject().put("$date", "2026-01-02T03:04:05Z");

  private static JsonObject message(long seq, String sender, String type, String content) {
    return new JsonObject().put("_id", "m" + seq).put("chatId", "c1").put("groupId", "g1").put("seq", seq)
      .put("sender", sender).put("type", type).put("content", content).put("clientMsgId", "x" + seq)
      .put("starredBy", new JsonArray().add("bob").add("cy")).put("deleted", false)
      .put("createdAt", WHEN).put("updatedAt", WHEN).put("editedAt", null);
  }

  private static JsonObject chat() {
    return new JsonObject().put("_id", "c1")
      .put("participants", new JsonArray().add("ann").add("bob").add("cy").add("dee"))
      // dee joined when the chat was at seq 5: what came before does not count as read by her
      .put("readSeq", new JsonObject().put("ann", 9L).put("bob", 5L).put("cy", 2L).put("dee", 9L))
      .put("readFrom", new JsonObject().put("dee", 5L));
  }

  @Test
  void readByIsEveryoneButTheSenderWhosePointerReachedTheMessage() {
    assertThat(MessageViews.readBy(chat(), message(5, "ann", "text", "hi"))).containsExactlyInAnyOrder("bob");
    assertThat(MessageViews.readBy(chat(), message(6, "bob", "text", "hi"))).containsExactlyInAnyOrder("ann", "dee");
    assertThat(MessageViews.readBy(chat(), message(2, "ann", "text", "hi"))).containsExactlyInAnyOrder("bob", "cy");
  }

  @Test
  void aNewMessagesEventHasNoReadersYetAndNoOnesStars() {
    JsonObject event = MessageViews.message(message(3, "ann", "text", "hi"), null);

    assertThat(event.getJsonArray("readBy")).isEmpty();
    assertThat(event.getJsonArray("starredBy")).isEmpty();
    assertThat(event.getString("id")).isEqualTo("m3");
    assertThat(event.getString("createdAt")).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void starsArePersonalSoAViewerSeesOnlyTheirOwn() {
    assertThat(MessageViews.message(message(3, "ann", "text", "hi"), "bob").getJsonArray("starredBy")).containsExactly("bob");
    assertThat(MessageViews.message(message(3, "ann", "text", "hi"), "ann").getJsonArray("starredBy")).isEmpty();
  }

  @Test
  void theChatsSummaryAndTheNotificationPreviewCutLongTexts() {
    String longText = "x".repeat(NotificationTypes.PREVIEW_CHARS + 50);

    assertThat(MessageViews.summary(message(1, "ann", "text", longText)).getString("content")).hasSize(NotificationTypes.PREVIEW_CHARS);
    assertThat(MessageViews.preview(message(1, "ann", "text", longText))).hasSize(NotificationTypes.PREVIEW_CHARS);
    assertThat(MessageViews.preview(message(1, "ann", "image", ""))).isEqualTo("[image]");
    assertThat(MessageViews.preview(message(1, "ann", "file", "the contract"))).isEqualTo("the contract");
  }

  @Test
  void theStoredEventGoesToEveryParticipantButTheSenderAndSurvivesJson() {
    MessageStored event = MessageViews.stored(chat(), message(7, "bob", "text", "hello"));

    assertThat(event.getRecipientIds()).containsExactly("ann", "cy", "dee");
    assertThat(event.getSenderId()).isEqualTo("bob");

    MessageStored copy = new MessageStored(event.toJson());
    assertThat(copy.getChatId()).isEqualTo("c1");
    assertThat(copy.getGroupId()).isEqualTo("g1");
    assertThat(copy.getMessageId()).isEqualTo("m7");
    assertThat(copy.getSeq()).isEqualTo(7L);
    assertThat(copy.getRecipientIds()).containsExactly("ann", "cy", "dee");
    assertThat(copy.getType()).isEqualTo("text");
    assertThat(copy.getPreview()).isEqualTo("hello");
    assertThat(copy.getCreatedAt()).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void aPageShowsEachMessageWithTheReadersOfItsOwnChat() {
    JsonObject other = new JsonObject().put("_id", "c2").put("readSeq", new JsonObject().put("eve", 1L));
    JsonObject fromOther = message(1, "ann", "text", "elsewhere").put("chatId", "c2");
    JsonObject page = new JsonObject().put("hasMore", false)
      .put("items", new JsonArray().add(message(5, "ann", "text", "here")).add(fromOther));

    JsonArray items = MessageViews.page(page, "bob", List.of(chat(), other)).getJsonArray("items");

    assertThat(items.getJsonObject(0).getJsonArray("readBy")).containsExactly("bob");
    assertThat(items.getJsonObject(1).getJsonArray("readBy")).containsExactly("eve");
    assertThat(items.getJsonObject(0).getJsonArray("starredBy")).containsExactly("bob");
  }

  @Test
  void theEditAndDeleteEventsCarryOnlyWhatChanged() {
    JsonObject deleted = MessageViews.deleted(message(4, "ann", "text", "gone"));
    JsonObject edited = MessageViews.edited(message(4, "ann", "text", "new text"));

    assertThat(deleted.fieldNames()).containsExactlyInAnyOrder("id", "chatId", "seq", "deleted", "updatedAt");
    assertThat(edited.getString("content")).isEqualTo("new text");
    assertThat(edited.fieldNames()).doesNotContain("sender", "starredBy", "readBy");
  }
}
