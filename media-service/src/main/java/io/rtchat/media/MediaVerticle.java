package io.rtchat.media;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.MediaReleased;
import io.rtchat.api.MediaService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/**
 * Wires the media service: config, Mongo and its indexes, the S3 client (bucket created when missing), the content
 * detector, the use cases, its proxy on {@value MediaService#ADDRESS}, the listener of release events, and the
 * periodic sweep (expired upload slots, then the reclamation of what nothing uses). The whole object graph is built
 * here.
 */
public class MediaVerticle extends VerticleBase {

  private S3Storage storage;
  private long sweepTimer = -1;
  private ThumbnailPool thumbnailPool;

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
        MediaStore store = new MediaStore(mongo);
        MediaPolicy policy = new MediaPolicy(config);
        MediaViews views = new MediaViews(config.get(Setting.PUBLIC_URL));
        ChatService chats = ChatService.createProxy(vertx);
        AuthService auth = AuthService.createProxy(vertx);
        MediaAccess access = new MediaAccess(store, chats, auth);
        thumbnailPool = new ThumbnailPool(config.getInt(Setting.MEDIA_THUMBNAIL_THREADS),
          config.getInt(Setting.MEDIA_THUMBNAIL_QUEUE));
        ThumbnailMaker thumbnails = new ThumbnailMaker(context, store, storage, policy, thumbnailPool,
          new MemoryBudget(Long.parseLong(config.get(Setting.MEDIA_THUMBNAIL_MEMORY_BYTES).trim())));
        MediaService service = new MediaServiceImpl(mongo, storage, new MediaServiceImpl.UseCases(
          new UploadSlots(store, storage, policy, views, chats, new StorageQuota(config, mongo)),
          new UploadCompletion(vertx, store, storage, content, access, views, thumbnails, policy),
          new Downloads(storage, policy, access, views),
          new Attachments(store, views, policy)));
        ExpirySweep sweep = new ExpirySweep(store, storage);
        Reclamation reclamation = new Reclamation(store, storage, chats, auth, policy);
        return store.createIndexes()
          .compose(v -> storage.ensureBucket())
          .compose(v -> new ServiceBinder(vertx).setAddress(MediaService.ADDRESS).register(MediaService.class, service).completion())
          .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.MEDIA_RELEASED,
            msg -> reclamation.release(new MediaReleased(msg.body()))).completion())
          .onSuccess(v -> sweepTimer = vertx.setPeriodic(config.getInt(Setting.MEDIA_SWEEP_INTERVAL_SECONDS) * 1000L,
            timer -> sweep.run().eventually(reclamation::run)));
      });
  }

  @Override
  public Future<?> stop() {
    // No sweep may start on a closed S3 client.
    vertx.cancelTimer(sweepTimer);
    if (thumbnailPool != null) {
      thumbnailPool.close();
    }
    if (storage != null) {
      return vertx.executeBlocking(() -> {
        storage.close();
        return null;
      });
    }
    return Future.succeededFuture();
  }
}
