package io.rtchat.media;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What other services ask before they point at a media: chat-service whether uploads may be a message's attachments,
 * auth-service whether one may be the user's avatar. Only the uploader's own, ready uploads of the right purpose
 * (and, for attachments, for that chat) qualify.
 */
class Attachments {

  /** Why a media cannot be used, as the error the caller gets. */
  record Refusal(ErrorCode code, String message, JsonObject fields) {

    Refusal(ErrorCode code, String message) {
      this(code, message, null);
    }

    <T> Future<T> fail() {
      return fields == null ? Errors.fail(code, message) : Errors.fail(code, message, fields);
    }
  }

  private final MediaStore store;
  private final MediaViews views;
  private final MediaPolicy policy;

  Attachments(MediaStore store, MediaViews views, MediaPolicy policy) {
    this.store = store;
    this.views = views;
    this.policy = policy;
  }

  /** The metadata of every media, in the given order, if all may be attached by this user to this chat. */
  Future<JsonArray> attachmentsFor(String userId, String chatId, List<String> mediaIds) {
    List<String> ids = mediaIds == null ? List.of() : mediaIds.stream().distinct().toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    if (!Ids.isValid(chatId) || !ids.stream().allMatch(Ids::isValid)) {
      return Errors.fail(ErrorCode.ATTACHMENT_INVALID, "attachmentIds must be media ids");
    }
    return store.byIds(ids).compose(found -> {
      Map<String, JsonObject> byId = found.stream().collect(Collectors.toMap(m -> m.getString("_id"), Function.identity()));
      List<JsonObject> answer = new ArrayList<>();
      for (String id : ids) {
        Refusal refusal = whyNotAttachment(id, byId.get(id), userId, chatId);
        if (refusal != null) {
          return refusal.fail();
        }
        answer.add(views.view(byId.get(id)));
      }
      return inUse(ids).map(v -> new JsonArray(answer));
    });
  }

  /** The avatar's metadata (with its url) if the media may be this user's avatar. */
  Future<JsonObject> avatarFor(String userId, String mediaId) {
    if (!Ids.isValid(mediaId)) {
      return Errors.fail(ErrorCode.VALIDATION, "avatarMediaId must be a media id",
        new JsonObject().put("avatarMediaId", "must be a 24-character hex id"));
    }
    return store.byId(mediaId).compose(media -> {
      Refusal refusal = whyNotAvatar(media, userId);
      return refusal != null ? refusal.fail() : inUse(List.of(mediaId)).map(v -> views.view(media));
    });
  }

  /**
   * Marks the media used (the sweep then leaves them alone for the grace period, and asks chat-service and
   * auth-service before it reclaims them); fails when the sweep reclaimed one in between.
   */
  private Future<Void> inUse(List<String> ids) {
    Instant now = Instant.now();
    return store.markInUse(ids, now, now.plus(policy.unsentGrace())).compose(all -> all
      ? Future.<Void>succeededFuture()
      : Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "The upload was deleted because nothing used it; upload it again"));
  }

  /** Null when the media (looked up as {@code id}, null if missing) may be attached by the user to the chat. */
  static Refusal whyNotAttachment(String id, JsonObject media, String userId, String chatId) {
    if (media == null) {
      return new Refusal(ErrorCode.MEDIA_NOT_FOUND, "No such media: " + id);
    }
    if (!MediaPolicy.ATTACHMENT.equals(media.getString("purpose")) || !userId.equals(media.getString("uploader"))
      || !chatId.equals(media.getString("chatId"))) {
      return new Refusal(ErrorCode.ATTACHMENT_INVALID, "Media " + id + " was not uploaded by you for this chat");
    }
    if (!MediaStore.READY.equals(media.getString("status"))) {
      return new Refusal(ErrorCode.MEDIA_NOT_READY, "Media " + id + " is not complete yet");
    }
    return null;
  }

  /** Null when the media (null if missing) may be the user's avatar. */
  static Refusal whyNotAvatar(JsonObject media, String userId) {
    if (media == null) {
      return new Refusal(ErrorCode.MEDIA_NOT_FOUND, "No such media");
    }
    if (!userId.equals(media.getString("uploader"))) {
      return new Refusal(ErrorCode.MEDIA_FORBIDDEN, "Only your own upload can be your avatar");
    }
    if (!MediaPolicy.AVATAR.equals(media.getString("purpose"))) {
      return new Refusal(ErrorCode.VALIDATION, "This upload is not an avatar",
        new JsonObject().put("avatarMediaId", "must be an upload with purpose avatar"));
    }
    if (!MediaStore.READY.equals(media.getString("status"))) {
      return new Refusal(ErrorCode.MEDIA_NOT_READY, "The avatar upload is not complete yet");
    }
    return null;
  }
}
