package io.rtchat.media;

import io.rtchat.common.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which uploads another service may point at: a message's attachments, a user's avatar. */
class AttachmentsTest {

  private static final String ANN = "a00000000000000000000001";
  private static final String BEN = "b00000000000000000000002";
  private static final String CHAT = "c00000000000000000000001";
  private static final String OTHER_CHAT = "c00000000000000000000002";
  private static final String ID = "d00000000000000000000001";

  private static JsonObject media(String purpose, String uploader, String chatId, String status) {
    return new JsonObject().put("_id", ID).put("purpose", purpose).put("uploader", uploader).put("chatId", chatId)
      .put("status", status);
  }

  @Test
  void theUploadersReadyAttachmentForThisChatMayBeAttached() {
    assertThat(Attachments.whyNotAttachment(ID, media("attachment", ANN, CHAT, "ready"), ANN, CHAT)).isNull();
  }

  @Test
  void someoneElsesUploadCannotBeAttached() {
    assertThat(Attachments.whyNotAttachment(ID, media("attachment", BEN, CHAT, "ready"), ANN, CHAT).code())
      .isEqualTo(ErrorCode.ATTACHMENT_INVALID);
  }

  @Test
  void anUploadForAnotherChatOrAnAvatarCannotBeAttached() {
    assertThat(Attachments.whyNotAttachment(ID, media("attachment", ANN, OTHER_CHAT, "ready"), ANN, CHAT).code())
      .isEqualTo(ErrorCode.ATTACHMENT_INVALID);
    assertThat(Attachments.whyNotAttachment(ID, media("avatar", ANN, null, "ready"), ANN, CHAT).code())
      .isEqualTo(ErrorCode.ATTACHMENT_INVALID);
  }

  @Test
  void aPendingOrMissingUploadCannotBeAttached() {
    assertThat(Attachments.whyNotAttachment(ID, media("attachment", ANN, CHAT, "pending"), ANN, CHAT).code())
      .isEqualTo(ErrorCode.MEDIA_NOT_READY);
    assertThat(Attachments.whyNotAttachment(ID, null, ANN, CHAT).code()).isEqualTo(ErrorCode.MEDIA_NOT_FOUND);
  }

  @Test
  void onlyTheUsersOwnReadyAvatarUploadCanBeTheirAvatar() {
    assertThat(Attachments.whyNotAvatar(media("avatar", ANN, null, "ready"), ANN)).isNull();
    assertThat(Attachments.whyNotAvatar(media("avatar", BEN, null, "ready"), ANN).code()).isEqualTo(ErrorCode.MEDIA_FORBIDDEN);
    assertThat(Attachments.whyNotAvatar(media("attachment", ANN, CHAT, "ready"), ANN).code()).isEqualTo(ErrorCode.VALIDATION);
    assertThat(Attachments.whyNotAvatar(media("avatar", ANN, null, "pending"), ANN).code()).isEqualTo(ErrorCode.MEDIA_NOT_READY);
    assertThat(Attachments.whyNotAvatar(null, ANN).code()).isEqualTo(ErrorCode.MEDIA_NOT_FOUND);
  }
}
