package io.rtchat.media;

import io.rtchat.api.ChatService;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;

/**
 * Hands out upload slots: a pending media record and a presigned PUT for exactly that object (its key, type and
 * size), after checking the type and size against {@link MediaPolicy} and, for an attachment, that the caller is in the chat.
 */
class UploadSlots {

  private static final Logger log = LoggerFactory.getLogger(UploadSlots.class);

  private final MediaStore store;
  private final S3Storage storage;
  private final MediaPolicy policy;
  private final MediaViews views;
  private final ChatService chats;
  private final StorageQuota quota;

  UploadSlots(MediaStore store, S3Storage storage, MediaPolicy policy, MediaViews views, ChatService chats,
              StorageQuota quota) {
    this.quota = quota;
    this.store = store;
    this.storage = storage;
    this.policy = policy;
    this.views = views;
    this.chats = chats;
  }

  Future<JsonObject> create(String userId, JsonObject body) {
    Input in = Input.of(body);
    SlotRequest req = SlotRequest.read(in);
    if (req == null) {
      return in.failure();
    }
    if (!policy.allowed(req.purpose(), req.fileType())) {
      return Errors.fail(ErrorCode.MEDIA_TYPE_NOT_ALLOWED, MediaPolicy.AVATAR.equals(req.purpose())
        ? "An avatar must be an image of an allowed type" : "Files of type " + req.fileType() + " are not accepted");
    }
    long max = policy.maxBytes(req.purpose(), req.fileType());
    if (req.size() > max) {
      return Errors.fail(ErrorCode.MEDIA_TOO_LARGE, "At most " + max + " bytes for this kind of upload");
    }
    Future<Void> allowed = req.chatId() == null ? Future.succeededFuture() : chats.isParticipant(req.chatId(), userId)
      .compose(member -> member ? Future.<Void>succeededFuture()
        : Errors.fail(ErrorCode.CHAT_NOT_MEMBER, "You are not a participant of this chat"));
    return allowed.compose(v -> quota.admit(userId, req.size())).compose(v -> {
      JsonObject media = pendingMedia(Ids.newId(), userId, req, Instant.now());
      String id = media.getString("_id");
      S3Storage.Presigned put = storage.presignPut(media.getString("key"), req.fileType(), req.size(), policy.uploadTtl());
      return store.insert(media).map(done -> {
        log.info("upload slot created mediaId={} userId={} chatId={} purpose={}", id, userId, req.chatId(), req.purpose());
        return new JsonObject()
          .put("media", views.view(media))
          .put("uploadUrl", put.url())
          .put("method", "PUT")
          .put("headers", new JsonObject(Map.copyOf(put.headers())))
          .put("expiresAt", put.expiresAt().toString());
      });
    });
  }

  private JsonObject pendingMedia(String id, String userId, SlotRequest req, Instant now) {
    return new JsonObject()
      .put("_id", id)
      .put("uploader", userId)
      .put("chatId", req.chatId())
      .put("groupId", null)
      .put("purpose", req.purpose())
      .put("type", MediaPolicy.kindOf(req.fileType()))
      .put("url", MediaViews.path(id))
      .put("key", MediaKeys.upload(id))
      .put("fileType", req.fileType())
      .put("name", req.name())
      .put("size", req.size())
      .put("status", MediaStore.PENDING)
      .put("createdAt", Dates.of(now))
      .put("expiresAt", Dates.of(now.plus(policy.uploadTtl())));
  }
}
