package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Group service contract (features arrive with their issue). */
@ProxyGen
@VertxGen
public interface GroupService {

  String ADDRESS = Addresses.GROUP_SERVICE;

  static GroupService createProxy(Vertx vertx) {
    return new GroupServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
