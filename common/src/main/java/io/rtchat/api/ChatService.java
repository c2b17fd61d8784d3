package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Chat service contract (features arrive with their issue). */
@ProxyGen
@VertxGen
public interface ChatService {

  String ADDRESS = Addresses.CHAT_SERVICE;

  static ChatService createProxy(Vertx vertx) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
