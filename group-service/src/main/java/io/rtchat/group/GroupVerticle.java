package io.rtchat.group;

import io.rtchat.api.GroupService;
import io.rtchat.common.Config;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/** Wires the group service: config, Mongo and its indexes, and its proxy on {@value GroupService#ADDRESS}. */
public class GroupVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    GroupServiceImpl service = new GroupServiceImpl(vertx, mongo);
    return service.createIndexes().compose(v -> new ServiceBinder(vertx)
      .setAddress(GroupService.ADDRESS).register(GroupService.class, service).completion());
  }
}
