package io.rtchat.media;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Who may see a media: an avatar anyone (no token) while it is someone's current avatar (auth-service answers), else
 * only its uploader; attachments the participants of their chat (chat-service answers).
 */
class MediaAccess {

  private final MediaStore store;
  private final ChatService chats;
  private final AuthService auth;

  MediaAccess(MediaStore store, ChatService chats, AuthService auth) {
    this.store = store;
    this.chats = chats;
    this.auth = auth;
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
      return authorizeAvatar(userId, media);
    }
    if (userId == null) {
      return Errors.fail(ErrorCode.UNAUTHORIZED, "Sign in: send Authorization: Bearer <accessToken>");
    }
    return chats.isParticipant(media.getString("chatId"), userId).compose(member -> member
      ? Future.succeededFuture(media)
      : Errors.fail(ErrorCode.MEDIA_FORBIDDEN, "Only the participants of its chat can see this media"));
  }

  /**
   * An avatar upload is public only while a profile shows it: ids are predictable, and an upload never set (or a
   * replaced avatar) is its uploader's alone. Asked on every read, so a replaced avatar stops being served at once.
   */
  private Future<JsonObject> authorizeAvatar(String userId, JsonObject media) {
    String id = media.getString("_id");
    if (userId != null && userId.equals(media.getString("uploader"))) {
      return Future.succeededFuture(media);
    }
    return auth.avatarsInUse(List.of(id)).compose(worn -> {
      if (worn.contains(id)) {
        return Future.succeededFuture(media);
      }
      return userId == null
        ? Errors.fail(ErrorCode.UNAUTHORIZED, "Sign in: send Authorization: Bearer <accessToken>")
        : Errors.fail(ErrorCode.MEDIA_FORBIDDEN, "This picture is nobody's avatar; only its uploader can see it");
    });
  }
}
