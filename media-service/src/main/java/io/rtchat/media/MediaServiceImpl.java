package io.rtchat.media;

import io.rtchat.api.ChatService;
import io.rtchat.api.MediaService;
import io.rtchat.common.Config;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The media rules. An upload is a pending slot with a presigned PUT; completing it checks the stored object (it
 * exists, its size is the declared one, its first bytes fit the declared type) before it becomes ready; a refused
 * object is deleted. Attachments are readable by the participants of their chat, avatars by anyone.
 */
public class MediaServiceImpl implements MediaService {

  private static final Logger log = LoggerFactory.getLogger(MediaServiceImpl.class);
  private static final int SWEEP_BATCH = 100;

  private final Vertx vertx;
  private final MongoClient mongo;
  private final MediaStore store;
  private final S3Storage storage;
  private final ContentCheck content;
  private final MediaPolicy policy;
  private final StorageQuota quota;
  private final MediaViews views;
  private final ChatService chats;
  /** Decoding images takes memory: at most two at a time, apart from the shared worker pool. */
  private final WorkerExecutor imageWorkers;
  private boolean sweeping;

  public MediaServiceImpl(Vertx vertx, Config config, MongoClient mongo, S3Storage storage, ContentCheck content) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.store = new MediaStore(mongo);
    this.storage = storage;
    this.content = content;
    this.policy = new MediaPolicy(config);
    this.quota = new StorageQuota(config, mongo);
    this.views = new MediaViews(config.get(Setting.PUBLIC_URL));
    this.chats = ChatService.createProxy(vertx);
    this.imageWorkers = vertx.createSharedWorkerExecutor("media-thumbnails", 2);
  }

  public Future<Void> createIndexes() {
    return store.createIndexes();
  }

  // ---- upload slots

  /** What a slot request asks for, once valid. */
  private record SlotRequest(String purpose, String chatId, String name, String fileType, long size) {
  }

  /** Reads {@code {purpose,chatId?,name,fileType,size}}; null with the problems noted in {@code in}. */
  private static SlotRequest readSlotRequest(Input in) {
    String purpose = in.requiredEnum("purpose", List.of(MediaPolicy.ATTACHMENT, MediaPolicy.AVATAR));
    String chatId = null;
    if (MediaPolicy.ATTACHMENT.equals(purpose)) {
      chatId = in.requiredId("chatId");
    } else if (MediaPolicy.AVATAR.equals(purpose) && in.has("chatId")) {
      in.problem("chatId", "must be absent for an avatar");
    }
    String name = in.requiredString("name", 1, 255);
    if (name != null && (name.contains("/") || name.contains("\\") || name.chars().anyMatch(Character::isISOControl))) {
      in.problem("name", "must be a plain file name");
    }
    String declared = in.requiredString("fileType", 3, 127);
    String fileType = declared == null ? null : declared.toLowerCase(Locale.ROOT);
    if (fileType != null && !MediaPolicy.wellFormedMime(fileType)) {
      in.problem("fileType", "must be a MIME type such as image/png");
    }
    Long size = in.requiredLong("size", 1, Long.MAX_VALUE);
    return in.invalid() ? null : new SlotRequest(purpose, chatId, name, fileType, size);
  }

  @Override
  public Future<JsonObject> createUpload(String userId, JsonObject body) {
    Input in = Input.of(body);
    SlotRequest req = readSlotRequest(in);
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
      String id = Ids.newId();
      Instant now = Instant.now();
      JsonObject media = new JsonObject()
        .put("_id", id)
        .put("uploader", userId)
        .put("chatId", req.chatId())
        .put("groupId", null)
        .put("purpose", req.purpose())
        .put("type", MediaPolicy.kindOf(req.fileType()))
        .put("url", MediaViews.path(id))
        .put("key", uploadKey(id))
        .put("fileType", req.fileType())
        .put("name", req.name())
        .put("size", req.size())
        .put("status", MediaStore.PENDING)
        .put("createdAt", Dates.of(now))
        .put("expiresAt", Dates.of(now.plus(policy.uploadTtl())));
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

  @Override
  public Future<JsonObject> complete(String userId, String mediaId) {
    return load(mediaId)
      .compose(media -> {
        if (!media.getString("uploader").equals(userId)) {
          return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such upload");
        }
        if (MediaStore.READY.equals(media.getString("status"))) {
          return Future.succeededFuture(views.view(media));
        }
        if (!Instant.now().isBefore(Dates.toInstant(media.getValue("expiresAt")))) {
          return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "The upload slot has expired; ask for a new one");
        }
        String finalKey = storedKey(mediaId);
        return seal(media, finalKey)
          .compose(v -> store.markReady(mediaId, userId, finalKey, Instant.now()))
          .compose(ready -> ready != null ? Future.succeededFuture(ready) : store.byId(mediaId).compose(now ->
            now != null && MediaStore.READY.equals(now.getString("status"))
              ? Future.succeededFuture(now)
              : storage.delete(finalKey).recover(err -> Future.succeededFuture())
                .compose(x -> Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "The upload slot has expired; ask for a new one"))))
          .map(ready -> {
            log.info("media ready mediaId={} userId={} size={}", mediaId, userId, ready.getLong("size"));
            if ("image".equals(ready.getString("type")) && ready.getString("thumbnailKey") == null) {
              makeThumbnail(ready);
            }
            return views.view(ready);
          });
      });
  }

  /** Where a slot's bytes land: the only key its presigned PUT may write. */
  static String uploadKey(String mediaId) {
    return "uploads/" + mediaId;
  }

  /** Where a completed upload lives: no presigned PUT names this key, so what was checked is what is served. */
  static String storedKey(String mediaId) {
    return "media/" + mediaId;
  }

  /**
   * Copies the upload to its immutable key, checks the copy (a PUT racing the completion cannot change what was
   * checked), and deletes the upload key, so the presigned PUT stops mattering. A failed check deletes both.
   */
  private Future<Void> seal(JsonObject media, String finalKey) {
    String uploadKey = media.getString("key");
    if (uploadKey.equals(finalKey)) {
      return verifyObject(media, finalKey); // a slot made before uploads had their own key
    }
    return storage.head(uploadKey).compose(info -> info == null
        ? Errors.<Void>fail(ErrorCode.MEDIA_NOT_UPLOADED, "Nothing was uploaded yet: PUT the file to uploadUrl first")
        : storage.copy(uploadKey, finalKey))
      .compose(v -> verifyObject(media, finalKey)
        .recover(err -> storage.delete(finalKey).recover(e -> Future.succeededFuture())
          .compose(x -> Future.<Void>failedFuture(err))))
      .compose(v -> storage.delete(uploadKey).recover(err -> {
        log.warn("upload key not deleted mediaId={} error={}", media.getString("_id"), err.toString());
        return Future.succeededFuture();
      }));
  }

  /** The stored object exists, has the declared size, and (images, audio, video) starts like the declared type. */
  private Future<Void> verifyObject(JsonObject media, String key) {
    long declared = media.getLong("size");
    String fileType = media.getString("fileType");
    return storage.head(key).compose(info -> {
      if (info == null) {
        return Errors.fail(ErrorCode.MEDIA_NOT_UPLOADED, "Nothing was uploaded yet: PUT the file to uploadUrl first");
      }
      if (info.size() != declared) {
        return refuse(media, "The uploaded file has " + info.size() + " bytes, not the declared " + declared);
      }
      if ("file".equals(MediaPolicy.kindOf(fileType))) {
        return Future.succeededFuture();
      }
      return storage.firstBytes(key, ContentCheck.PREFIX_BYTES)
        .compose(prefix -> vertx.executeBlocking(() -> content.detect(prefix), false))
        .compose(detected -> ContentCheck.matches(fileType, detected)
          ? Future.<Void>succeededFuture()
          : refuse(media, "The uploaded file is " + detected + ", not the declared " + fileType));
    });
  }

  /** Deletes the lying object and refuses; the slot stays pending (a correct upload may follow) until it expires. */
  private Future<Void> refuse(JsonObject media, String reason) {
    log.info("upload refused mediaId={} userId={} reason={}", media.getString("_id"), media.getString("uploader"), reason);
    return storage.delete(media.getString("key"))
      .recover(err -> Future.succeededFuture()) // the expiry sweep deletes it later
      .compose(v -> Errors.fail(ErrorCode.MEDIA_CONTENT_MISMATCH, reason));
  }

  /** Renders the thumbnail on a worker thread after completion; a failure only means no thumbnail. */
  private void makeThumbnail(JsonObject media) {
    String id = media.getString("_id");
    String key = "thumbnails/" + id;
    long size = media.getLong("size", Long.MAX_VALUE);
    if (size > policy.thumbnailSourceMax()) {
      log.debug("no thumbnail for a large image mediaId={} size={}", id, size);
      return;
    }
    // A ranged read: never more than the cap in memory, whatever the object turned out to be.
    storage.firstBytes(media.getString("key"), (int) policy.thumbnailSourceMax() + 1)
      .compose(bytes -> bytes.length > policy.thumbnailSourceMax()
        ? Future.succeededFuture(null)
        : imageWorkers.executeBlocking(() -> Thumbnails.render(bytes), false))
      .compose(thumb -> thumb == null
        ? Future.<Void>succeededFuture()
        : storage.write(key, thumb.bytes(), thumb.contentType()).compose(v -> store.setThumbnail(id, key, thumb.contentType())))
      .onSuccess(v -> log.debug("thumbnail done mediaId={}", id))
      .onFailure(err -> log.warn("no thumbnail mediaId={} error={}", id, err.toString()));
  }

  // ---- downloads and metadata

  @Override
  public Future<JsonObject> download(String userId, String mediaId, String variant) {
    boolean thumbnail = "thumbnail".equals(variant);
    if (variant != null && !thumbnail && !"original".equals(variant)) {
      return Errors.fail(ErrorCode.VALIDATION, "variant must be original or thumbnail",
        new JsonObject().put("variant", "must be original or thumbnail"));
    }
    return load(mediaId).compose(media -> authorize(userId, media)).compose(media -> {
      if (!MediaStore.READY.equals(media.getString("status"))) {
        return Errors.fail(ErrorCode.MEDIA_NOT_READY, "The upload is not complete");
      }
      if (thumbnail && !"image".equals(media.getString("type"))) {
        return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "Only images have a thumbnail");
      }
      // Until the thumbnail exists (or when the format cannot be thumbnailed) the thumbnail URL serves the original.
      boolean small = thumbnail && media.getString("thumbnailKey") != null;
      String key = small ? media.getString("thumbnailKey") : media.getString("key");
      String contentType = small ? media.getString("thumbnailType") : media.getString("fileType");
      // Checked images, audio and video show inline; any other file downloads, never rendering on the bucket's origin.
      String disposition = ("file".equals(media.getString("type")) ? "attachment" : "inline")
        + "; filename*=UTF-8''" + URLEncoder.encode(media.getString("name"), StandardCharsets.UTF_8).replace("+", "%20");
      S3Storage.Presigned get = storage.presignGet(key, contentType, disposition, policy.downloadTtl());
      return Future.succeededFuture(new JsonObject().put("url", get.url()).put("expiresAt", get.expiresAt().toString()));
    });
  }

  @Override
  public Future<JsonObject> meta(String userId, String mediaId) {
    return load(mediaId).compose(media -> media.getString("uploader").equals(userId)
      ? Future.succeededFuture(views.view(media))
      : authorize(userId, media).compose(found -> MediaStore.READY.equals(found.getString("status"))
        ? Future.succeededFuture(views.view(found))
        : Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such media")));
  }

  private Future<JsonObject> load(String mediaId) {
    return Input.checkId("mediaId", mediaId)
      .compose(v -> store.byId(mediaId))
      .compose(media -> media == null ? Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such media") : Future.succeededFuture(media));
  }

  /** The media if the caller may see it: avatars anyone, attachments the participants of their chat. */
  private Future<JsonObject> authorize(String userId, JsonObject media) {
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

  // ---- for other services

  @Override
  public Future<JsonArray> attachmentsFor(String userId, String chatId, List<String> mediaIds) {
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
        JsonObject media = byId.get(id);
        if (media == null) {
          return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such media: " + id);
        }
        if (!MediaPolicy.ATTACHMENT.equals(media.getString("purpose")) || !userId.equals(media.getString("uploader"))
          || !chatId.equals(media.getString("chatId"))) {
          return Errors.fail(ErrorCode.ATTACHMENT_INVALID, "Media " + id + " was not uploaded by you for this chat");
        }
        if (!MediaStore.READY.equals(media.getString("status"))) {
          return Errors.fail(ErrorCode.MEDIA_NOT_READY, "Media " + id + " is not complete yet");
        }
        answer.add(views.view(media));
      }
      return Future.succeededFuture(new JsonArray(answer));
    });
  }

  @Override
  public Future<JsonObject> avatarFor(String userId, String mediaId) {
    if (!Ids.isValid(mediaId)) {
      return Errors.fail(ErrorCode.VALIDATION, "avatarMediaId must be a media id",
        new JsonObject().put("avatarMediaId", "must be a 24-character hex id"));
    }
    return store.byId(mediaId).compose(media -> {
      if (media == null) {
        return Errors.fail(ErrorCode.MEDIA_NOT_FOUND, "No such media");
      }
      if (!userId.equals(media.getString("uploader"))) {
        return Errors.fail(ErrorCode.MEDIA_FORBIDDEN, "Only your own upload can be your avatar");
      }
      if (!MediaPolicy.AVATAR.equals(media.getString("purpose"))) {
        return Errors.fail(ErrorCode.VALIDATION, "This upload is not an avatar",
          new JsonObject().put("avatarMediaId", "must be an upload with purpose avatar"));
      }
      if (!MediaStore.READY.equals(media.getString("status"))) {
        return Errors.fail(ErrorCode.MEDIA_NOT_READY, "The avatar upload is not complete yet");
      }
      return Future.succeededFuture(views.view(media));
    });
  }

  // ---- expiry

  /** Deletes expired pending slots and their objects (object first, so a failed S3 call leaves the slot to retry). */
  public Future<Integer> sweepExpired() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    Instant now = Instant.now();
    return store.expiredPending(now, SWEEP_BATCH)
      .compose(expired -> Future.join(expired.stream()
        .map(media -> storage.delete(media.getString("key"))
          .compose(v -> store.deleteExpiredPending(media.getString("_id"), now)))
        .toList()).map(all -> expired.size()))
      .onSuccess(n -> {
        if (n > 0) {
          log.info("expired upload slots swept count={}", n);
        }
      })
      .onFailure(err -> log.warn("expiry sweep incomplete, next run retries error={}", err.toString()))
      .eventually(() -> {
        sweeping = false;
        return Future.succeededFuture();
      });
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo).compose(v -> storage.headBucket());
  }
}
