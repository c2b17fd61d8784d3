package io.rtchat.media;

import io.rtchat.api.MediaService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/**
 * Wires the media service: config, Mongo and its indexes, the S3 client (bucket created when missing), the content
 * detector, its proxy on {@value MediaService#ADDRESS}, and the periodic sweep of expired upload slots.
 */
public class MediaVerticle extends VerticleBase {

  private S3Storage storage;

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    // Building the SDK client and loading Tika's type database take a moment: not on the event loop.
    return vertx.executeBlocking(() -> {
        storage = new S3Storage(context, config);
        return new ContentCheck();
      })
      .compose(content -> {
        MediaServiceImpl service = new MediaServiceImpl(vertx, config, mongo, storage, content);
        return service.createIndexes()
          .compose(v -> storage.ensureBucket())
          .compose(v -> new ServiceBinder(vertx).setAddress(MediaService.ADDRESS).register(MediaService.class, service).completion())
          .onSuccess(v -> vertx.setPeriodic(config.getInt(Setting.MEDIA_SWEEP_INTERVAL_SECONDS) * 1000L,
            timer -> service.sweepExpired()));
      });
  }

  @Override
  public Future<?> stop() {
    if (storage != null) {
      return vertx.executeBlocking(() -> {
        storage.close();
        return null;
      });
    }
    return Future.succeededFuture();
  }
}
