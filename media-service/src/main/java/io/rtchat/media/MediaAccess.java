package io.rtchat.media;

import io.rtchat.api.ChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Who may see a media: avatars anyone, attachments the participants of their chat (chat-service answers). */
class MediaAccess {

  private final MediaStore store;
  private final ChatService chats;

  MediaAccess(MediaStore store, ChatService chats) {
    this.store = store;
    this.chats = chats;
  }

  /** The media document, or media.not_found (a malformed id is a validation error). */
  Future<JsonObject> load(String mediaId) {
    return Input.checkId("mediaId", mediaId)
      .compose(v -> store.byId(mediaId))
      .compose(media -> media == null ? Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such media") : Future.succeededFuture(media));
  }

  /** The media if the caller may see it; {@code userId} is null for an anonymous caller. */
  Future<JsonObject> authorize(String userId, JsonObject media) {
    if (MediaPolicy.AVATAR.equals(media.getString("purpose"))) {
      return Future.succeededFuture(media);
    }
    if (userId == null) {
      return Errors.fail(ErrorCode.UNAUTHORIZED, "Sign in: send Authorization: Bearer <accessToken>");
    }
    return chats.isParticipant(media.getString("chatId"), userId).compose(member -> member
      ? Future.succeededFuture(media)
      : Errors.fail(ErrorCode.MEDIA_FORBIDDEN, "Only the participants of its chat can see this media"));
  }
}
