package io.rtchat.media;

import io.rtchat.api.MediaService;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;

/** The rules of the media service. */
public class MediaServiceImpl implements MediaService {

  private final MongoClient mongo;

  public MediaServiceImpl(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<io.vertx.core.json.JsonArray> attachmentsFor(String userId, String chatId, java.util.List<String> mediaIds) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<io.vertx.core.json.JsonObject> avatarFor(String userId, String mediaId) {
    return Future.failedFuture("not implemented yet");
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
