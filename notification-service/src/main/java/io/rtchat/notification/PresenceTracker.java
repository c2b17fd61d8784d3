package io.rtchat.notification;

import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.FriendService;
import io.rtchat.common.Dates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The presence rules. A user is online while at least one socket on any gateway is registered on their inbox, and
 * goes offline (with {@code lastSeenAt}) once the last one has been closed for the grace period, so a quick reconnect
 * is not seen. Each transition is won by exactly one conditional update; the winner records it in auth-service
 * (profiles show {@code status}/{@code lastSeenAt}) and publishes {@code presence} to the user's friends and chat
 * partners. Gateways hold leases: the sockets of a gateway that stops renewing expire.
 */
public class PresenceTracker {

  private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

  private final Vertx vertx;
  private final PresenceStore store;
  private final Duration grace;
  private final Duration lease;
  private final AuthService auth;
  private final FriendService friends;
  private final ChatService chats;
  private final NotificationEvents events;

  public PresenceTracker(Vertx vertx, PresenceStore store, Duration grace, Duration lease, AuthService auth,
                         FriendService friends, ChatService chats, NotificationEvents events) {
    this.vertx = vertx;
    this.store = store;
    this.grace = grace;
    this.lease = lease;
    this.auth = auth;
    this.friends = friends;
    this.chats = chats;
    this.events = events;
  }

  /** Sweeps expired gateway leases and missed grace timers a few times per lease. */
  public void start() {
    long every = Math.max(100, lease.toMillis() / 3);
    vertx.setPeriodic(every, every, t -> sweep()
      .onFailure(err -> log.warn("presence sweep failed cause={}", err.toString())));
  }

  public Future<Void> socketOpened(String userId, String socketId, String gatewayId) {
    return store.addSocket(userId, socketId, gatewayId)
      .onSuccess(v -> events.presenceChanged(userId, true))
      .compose(v -> store.goOnline(userId))
      .compose(state -> state == null ? Future.succeededFuture() : announce(userId, state));
  }

  public Future<Void> socketClosed(String userId, String socketId, String gatewayId) {
    return store.removeSocket(userId, socketId, gatewayId).onSuccess(none -> left(userId, none)).mapEmpty();
  }

  /** Renews the gateway's lease: false when the lease had expired (the gateway then reports its sockets again). */
  public Future<Boolean> gatewayAlive(String gatewayId) {
    return store.renewLease(gatewayId);
  }

  /** Those of {@code userIds} who have a socket open right now, on any gateway. */
  public Future<Set<String>> connected(List<String> userIds) {
    return userIds.isEmpty() ? Future.succeededFuture(Set.of()) : store.connected(userIds).map(Set::copyOf);
  }

  public Future<Boolean> offlineSince(String userId, Instant before) {
    return store.offlineSince(userId, before);
  }

  /** The last socket closed: every instance's view learns it now, the status changes after the grace period. */
  private void left(String userId, boolean noSocketLeft) {
    if (noSocketLeft) {
      events.presenceChanged(userId, false);
    }
    settleLater(userId);
  }

  private void settleLater(String userId) {
    vertx.setTimer(grace.toMillis() + 50, t -> settle(userId)
      .onFailure(err -> log.warn("presence settle failed userId={} cause={}", userId, err.toString())));
  }

  /** online → offline, if no socket came back during the grace period. */
  private Future<Void> settle(String userId) {
    Instant now = Instant.now();
    return store.goOffline(userId, now.minus(grace), now)
      .compose(state -> state == null ? Future.succeededFuture() : announce(userId, state));
  }

  /** Expired leases first, then the sockets of every gateway without a lease, then missed grace timers. */
  Future<Void> sweep() {
    Instant now = Instant.now();
    Instant leaseCutoff = now.minus(lease);
    return store.dropExpiredLeases(leaseCutoff)
      .compose(v -> store.liveGateways(leaseCutoff))
      .compose(live -> store.withSocketsOutside(live).compose(docs -> dropSockets(docs, live)))
      .compose(v -> store.quietOnlineUsers(now.minus(grace)))
      .compose(quiet -> Future.all(quiet.stream().map(this::settle).toList()).mapEmpty());
  }

  private Future<Void> dropSockets(List<JsonObject> docs, List<String> live) {
    List<Future<Void>> drops = new ArrayList<>();
    for (JsonObject doc : docs) {
      String userId = doc.getString("_id");
      Set<String> dead = new LinkedHashSet<>();
      for (Object s : doc.getJsonArray("sockets", new JsonArray())) {
        String gateway = ((JsonObject) s).getString("gateway");
        if (!live.contains(gateway)) {
          dead.add(gateway);
        }
      }
      for (String gateway : dead) {
        log.info("presence lease expired gatewayId={} userId={}", gateway, userId);
        drops.add(store.removeGatewaySockets(userId, gateway).onSuccess(none -> left(userId, none)).mapEmpty());
      }
    }
    return Future.all(drops).mapEmpty();
  }

  private Future<Void> announce(String userId, JsonObject state) {
    String status = state.getString("status");
    String lastSeenAt = Dates.iso(state.getValue("lastSeenAt"));
    long version = state.getLong("version", 0L);
    log.info("presence userId={} status={}", userId, status);
    return auth.setPresence(userId, status, PresenceStore.ONLINE.equals(status) ? null : lastSeenAt, version)
      .recover(err -> {
        log.warn("presence not recorded in auth userId={} cause={}", userId, err.toString());
        return Future.succeededFuture();
      })
      .compose(v -> audience(userId))
      .onSuccess(ids -> events.presence(ids, userId, status, lastSeenAt))
      .mapEmpty();
  }

  /** Friends and chat partners, deduplicated; an unavailable source leaves its part out rather than failing. */
  private Future<Set<String>> audience(String userId) {
    Future<JsonArray> friendIds = friends.friendIds(userId).recover(err -> none("friends", userId, err));
    Future<JsonArray> partners = chats.chatPartnerIds(userId).recover(err -> none("chat partners", userId, err));
    return Future.join(friendIds, partners).recover(err -> Future.succeededFuture()).map(v -> {
      Set<String> ids = new LinkedHashSet<>();
      for (Future<JsonArray> part : List.of(friendIds, partners)) {
        if (part.succeeded() && part.result() != null) {
          part.result().forEach(id -> ids.add(String.valueOf(id)));
        }
      }
      ids.remove(userId);
      return ids;
    });
  }

  private static Future<JsonArray> none(String what, String userId, Throwable err) {
    log.debug("presence audience without {} userId={} cause={}", what, userId, err.toString());
    return Future.succeededFuture(new JsonArray());
  }
}
