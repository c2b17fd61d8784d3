package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Media service contract (features arrive with their issue). */
@ProxyGen
@VertxGen
public interface MediaService {

  String ADDRESS = Addresses.MEDIA_SERVICE;

  static MediaService createProxy(Vertx vertx) {
    return new MediaServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
