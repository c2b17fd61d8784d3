package io.rtchat.auth;

import io.rtchat.api.AuthService;
import io.rtchat.common.Config;
import io.rtchat.common.Jwt;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.serviceproxy.ServiceBinder;

/** Wires the auth service: config, Mongo and its indexes, the JWT signer, and its proxy on {@value AuthService#ADDRESS}. */
public class AuthVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Config config = Config.fromJson(config());
    MongoClient mongo = Mongo.client(vertx, config);
    return vertx.executeBlocking(() -> new PasswordHasher(vertx))
      .compose(hasher -> {
        AuthServiceImpl service = new AuthServiceImpl(vertx, config, mongo, hasher, Jwt.auth(vertx, config));
        return service.createIndexes().compose(v -> new ServiceBinder(vertx)
          .setAddress(AuthService.ADDRESS).register(AuthService.class, service).completion());
      });
  }
}
