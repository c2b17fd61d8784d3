package io.rtchat.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * Calls {@code ready()} on this process's own instance of a service proxy (local delivery only): it answers only
 * when this process registered the proxy, and the service's ready() checks its own MongoDB (and S3).
 */
public final class LocalService {

  private LocalService() {
  }

  public static Supplier<Future<Void>> ready(Vertx vertx, String address, long timeoutMillis) {
    DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(timeoutMillis)
      .addHeader("action", "ready");
    return () -> vertx.eventBus().request(address, new JsonObject(), options).mapEmpty();
  }
}
