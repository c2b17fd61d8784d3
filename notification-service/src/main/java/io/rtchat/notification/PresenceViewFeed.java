package io.rtchat.notification;

import io.rtchat.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Keeps this instance's {@link PresenceView} current: applies every published presence change, loads the online set
 * from MongoDB before the service starts answering, and reloads it periodically so that a missed change (an instance
 * that was partitioned, a lease expiry handled elsewhere) is wrong for at most one refresh interval.
 */
final class PresenceViewFeed {

  private static final Logger log = LoggerFactory.getLogger(PresenceViewFeed.class);

  private final Vertx vertx;
  private final PresenceStore store;
  private final PresenceView view;
  private final Duration refresh;

  PresenceViewFeed(Vertx vertx, PresenceStore store, PresenceView view, Duration refresh) {
    this.vertx = vertx;
    this.store = store;
    this.view = view;
    this.refresh = refresh;
  }

  /** Subscribes first, then loads, so no change falls between the snapshot and the subscription. */
  Future<Void> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.PRESENCE_CHANGED, msg -> {
        String userId = msg.body().getString("userId");
        if (userId != null) {
          view.apply(userId, msg.body().getBoolean("online", false));
        }
      }).completion()
      .compose(v -> reload())
      .onSuccess(v -> {
        long every = Math.max(1000, refresh.toMillis());
        vertx.setPeriodic(every, every, t -> reload()
          .onFailure(err -> log.warn("presence view reload failed cause={}", err.toString())));
      });
  }

  Future<Void> reload() {
    view.reloadStarted();
    return store.usersWithSockets()
      .onSuccess(view::reloaded)
      .onFailure(err -> view.reloadFailed())
      .onSuccess(ids -> log.debug("presence view reloaded online={}", ids.size()))
      .mapEmpty();
  }
}
