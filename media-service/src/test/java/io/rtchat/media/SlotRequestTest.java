package io.rtchat.media;

import io.rtchat.common.Input;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotRequestTest {

  private static final String CHAT = "c00000000000000000000001";

  private static JsonObject attachment() {
    return new JsonObject().put("purpose", "attachment").put("chatId", CHAT).put("name", "cat.png")
      .put("fileType", "Image/PNG").put("size", 1234);
  }

  @Test
  void aValidAttachmentRequestIsReadWithItsTypeLowerCased() {
    SlotRequest req = SlotRequest.read(Input.of(attachment()));
    assertThat(req).isEqualTo(new SlotRequest("attachment", CHAT, "cat.png", "image/png", 1234));
  }

  @Test
  void anAttachmentNeedsItsChat() {
    Input in = Input.of(attachment().put("chatId", (String) null));
    assertThat(SlotRequest.read(in)).isNull();
    assertThat(in.invalid()).isTrue();
  }

  @Test
  void anAvatarBelongsToNoChat() {
    Input in = Input.of(attachment().put("purpose", "avatar"));
    assertThat(SlotRequest.read(in)).isNull();
    JsonObject avatar = attachment().put("purpose", "avatar");
    avatar.remove("chatId");
    assertThat(SlotRequest.read(Input.of(avatar)).chatId()).isNull();
  }

  @Test
  void aNameMustBeAPlainFileName() {
    for (String name : new String[] {"../etc/passwd", "a\\b.png", "cat\n.png"}) {
      assertThat(SlotRequest.read(Input.of(attachment().put("name", name)))).as(name).isNull();
    }
  }

  @Test
  void theTypeMustBeAMimeTypeAndTheSizePositive() {
    assertThat(SlotRequest.read(Input.of(attachment().put("fileType", "png")))).isNull();
    assertThat(SlotRequest.read(Input.of(attachment().put("size", 0)))).isNull();
    assertThat(SlotRequest.read(Input.of(attachment().put("purpose", "banner")))).isNull();
  }
}
