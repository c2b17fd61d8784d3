package io.rtchat.media;

import io.rtchat.api.MediaService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import java.util.List;

/** The media service's API: each call is one use case ({@link MediaVerticle} builds them). */
class MediaServiceImpl implements MediaService {

  /** The use cases behind the API. */
  record UseCases(UploadSlots slots, UploadCompletion completion, Downloads downloads, Attachments attachments) {
  }

  private final MongoClient mongo;
  private final S3Storage storage;
  private final UseCases use;

  MediaServiceImpl(MongoClient mongo, S3Storage storage, UseCases use) {
    this.mongo = mongo;
    this.storage = storage;
    this.use = use;
  }

  @Override
  public Future<JsonObject> createUpload(String userId, JsonObject body) {
    return use.slots().create(userId, body);
  }

  @Override
  public Future<JsonObject> complete(String userId, String mediaId) {
    return use.completion().complete(userId, mediaId);
  }

  @Override
  public Future<JsonObject> download(String userId, String mediaId, String variant) {
    return use.downloads().download(userId, mediaId, variant);
  }

  @Override
  public Future<JsonObject> meta(String userId, String mediaId) {
    return use.downloads().meta(userId, mediaId);
  }

  @Override
  public Future<JsonArray> attachmentsFor(String userId, String chatId, List<String> mediaIds) {
    return use.attachments().attachmentsFor(userId, chatId, mediaIds);
  }

  @Override
  public Future<JsonObject> avatarFor(String userId, String mediaId) {
    return use.attachments().avatarFor(userId, mediaId);
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo).compose(v -> storage.headBucket());
  }
}
