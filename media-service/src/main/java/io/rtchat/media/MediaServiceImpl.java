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
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }
}
