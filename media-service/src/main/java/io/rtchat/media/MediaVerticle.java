package io.rtchat.media;

import io.rtchat.api.MediaService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/** Wires the media service: config, Mongo, and its proxy on {@value MediaService#ADDRESS}. */
public class MediaVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    MediaService service = new MediaServiceImpl(mongo);
    return new ServiceBinder(vertx).setAddress(MediaService.ADDRESS).register(MediaService.class, service).completion();
  }
}
