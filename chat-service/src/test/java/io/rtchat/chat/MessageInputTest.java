package io.rtchat.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static io.rtchat.chat.Failures.codeOf;
import static io.rtchat.chat.Failures.errorOf;
import static io.rtchat.chat.Failures.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** What a message may hold, by type, and how large it may be. */
class MessageInputTest {

  private static final int MAX_BYTES = 100;
  private static final String ID = "0123456789abcdef01234567";

  private static Future<MessageInput.Draft> draft(JsonObject body) {
    return MessageInput.draft(body, MAX_BYTES);
  }

  private static JsonArray ids(int n) {
    JsonArray ids = new JsonArray();
    IntStream.range(0, n).forEach(i -> ids.add(String.format("%024x", i + 1)));
    return ids;
  }

  @Test
  void aTextMessageKeepsItsClientMsgIdAndFindsItsLinks() {
    MessageInput.Draft draft = draft(new JsonObject().put("type", "text").put("clientMsgId", "c-1")
      .put("content", "see https://vertx.io")).result();

    assertThat(draft.clientMsgId()).isEqualTo("c-1");
    assertThat(draft.links()).containsExactly("https://vertx.io");
    assertThat(draft.attachmentIds()).isEmpty();
  }

  @Test
  void aSendWithoutClientMsgIdGetsOneFromTheServer() {
    MessageInput.Draft draft = draft(new JsonObject().put("type", "emoji").put("content", ":)")).result();

    assertThat(draft.clientMsgId()).startsWith("srv-");
  }

  @Test
  void unknownOrMissingTypesAreRejected() {
    assertThat(fieldsOf(draft(new JsonObject().put("type", "sticker").put("content", "x")))).contains("type");
    assertThat(fieldsOf(draft(new JsonObject().put("content", "x")))).contains("type");
    assertThat(codeOf(draft(null))).isEqualTo("request.invalid");
  }

  @Test
  void textNeedsContentThatIsAString() {
    assertThat(fieldsOf(draft(new JsonObject().put("type", "text").put("content", "  ")))).contains("content");
    assertThat(fieldsOf(draft(new JsonObject().put("type", "text").put("content", 42)))).contains("content");
  }

  @Test
  void onlyMediaAndFileMessagesCarryAttachments() {
    assertThat(fieldsOf(draft(new JsonObject().put("type", "text").put("content", "hi").put("attachmentIds", ids(1))))).contains("attachmentIds");
    assertThat(fieldsOf(draft(new JsonObject().put("type", "image")))).contains("attachmentIds");

    MessageInput.Draft image = draft(new JsonObject().put("type", "image").put("attachmentIds", ids(2))).result();
    assertThat(image.attachmentIds()).hasSize(2);
    assertThat(image.content()).isEmpty();
  }

  @Test
  void aMessageCarriesAtMostTenAttachmentsWithValidIds() {
    assertThat(draft(new JsonObject().put("type", "file").put("attachmentIds", ids(MessageInput.MAX_ATTACHMENTS)))
      .succeeded()).isTrue();
    assertThat(fieldsOf(draft(new JsonObject().put("type", "file").put("attachmentIds", ids(MessageInput.MAX_ATTACHMENTS + 1))))).contains("attachmentIds");
    assertThat(codeOf(draft(new JsonObject().put("type", "file").put("attachmentIds", new JsonArray().add("nope")))))
      .startsWith("request.invalid");
  }

  @Test
  void contentIsLimitedInUtf8BytesNotCharacters() {
    assertThat(draft(new JsonObject().put("type", "text").put("content", "a".repeat(MAX_BYTES))).succeeded()).isTrue();
    assertThat(codeOf(draft(new JsonObject().put("type", "text").put("content", "a".repeat(MAX_BYTES + 1)))))
      .isEqualTo("message.too_large");
    // 34 characters, but 102 bytes: each is 3 bytes of UTF-8
    assertThat(codeOf(draft(new JsonObject().put("type", "text").put("content", "€".repeat(34)))))
      .isEqualTo("message.too_large");
    assertThat(errorOf(draft(new JsonObject().put("type", "text").put("content", "a".repeat(MAX_BYTES + 1)))).status())
      .isEqualTo(413);
  }

  @Test
  void aLinkMessageMustContainALink() {
    assertThat(fieldsOf(draft(new JsonObject().put("type", "link").put("content", "no link here"))))
      .contains("content");
    assertThat(draft(new JsonObject().put("type", "link").put("content", "www.example.org")).succeeded()).isTrue();
  }

  @Test
  void aClientMsgIdLongerThanSixtyFourCharactersIsRejected() {
    assertThat(fieldsOf(draft(new JsonObject().put("type", "text").put("content", "hi").put("clientMsgId", "x".repeat(65))))).contains("clientMsgId");
  }

  @Test
  void anEditKeepsTheRulesOfTheMessagesType() {
    assertThat(MessageInput.editedContent(new JsonObject().put("content", "new"), "text", MAX_BYTES).result()).isEqualTo("new");
    assertThat(MessageInput.editedContent(new JsonObject().put("content", ""), "image", MAX_BYTES).result()).isEmpty();
    assertThat(codeOf(MessageInput.editedContent(new JsonObject().put("content", " "), "text", MAX_BYTES)))
      .isEqualTo("request.invalid");
    assertThat(codeOf(MessageInput.editedContent(new JsonObject(), "text", MAX_BYTES))).isEqualTo("request.invalid");
    assertThat(codeOf(MessageInput.editedContent(new JsonObject().put("content", "plain"), "link", MAX_BYTES)))
      .isEqualTo("request.invalid");
    assertThat(codeOf(MessageInput.editedContent(new JsonObject().put("content", "a".repeat(MAX_BYTES + 1)), "text", MAX_BYTES)))
      .isEqualTo("message.too_large");
  }
}
