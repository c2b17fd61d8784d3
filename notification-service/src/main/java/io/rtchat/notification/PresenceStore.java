package io.rtchat.notification;

import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.List;

/**
 * Cluster-wide presence in Mongo, so it holds whichever gateway instance a user's sockets sit on.
 * {@code presence}: one document per user, {@code {_id: userId, sockets: [{id, gateway}], status, version, changedAt,
 * lastSeenAt}}; sockets are added and removed with {@code $addToSet}/{@code $pull} (atomic per document), and a status
 * transition is a conditional update whose filter holds its precondition, so exactly one caller wins each transition.
 * {@code presence_gateways}: one lease document per gateway instance, {@code {_id: gatewayId, seenAt}}.
 */
public class PresenceStore {

  static final String PRESENCE = "presence";
  static final String GATEWAYS = "presence_gateways";
  static final String ONLINE = "online";
  static final String OFFLINE = "offline";

  private final MongoClient mongo;

  public PresenceStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> addSocket(String userId, String socketId, String gatewayId) {
    JsonObject update = new JsonObject()
      .put("$addToSet", new JsonObject().put("sockets", socket(socketId, gatewayId)))
      .put("$set", new JsonObject().put("changedAt", Dates.now()))
      .put("$setOnInsert", new JsonObject().put("status", OFFLINE).put("version", 0L));
    return mongo.updateCollectionWithOptions(PRESENCE, new JsonObject().put("_id", userId), update,
      new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** true when the user has no socket left. */
  public Future<Boolean> removeSocket(String userId, String socketId, String gatewayId) {
    return pull(userId, socket(socketId, gatewayId));
  }

  /** Drops every socket a gateway held for the user (that gateway's lease expired). */
  public Future<Boolean> removeGatewaySockets(String userId, String gatewayId) {
    return pull(userId, new JsonObject().put("gateway", gatewayId));
  }

  private Future<Boolean> pull(String userId, JsonObject match) {
    JsonObject update = new JsonObject()
      .put("$pull", new JsonObject().put("sockets", match))
      .put("$set", new JsonObject().put("changedAt", Dates.now()));
    return mongo.findOneAndUpdateWithOptions(PRESENCE, new JsonObject().put("_id", userId), update,
        new FindOptions().setFields(new JsonObject().put("sockets", new JsonObject().put("$slice", 1))),
        new UpdateOptions().setReturningNewDocument(true))
      .map(doc -> doc == null || doc.getJsonArray("sockets", new JsonArray()).isEmpty());
  }

  /** Every user with a socket open on any gateway: what a notification-service instance loads its view from. */
  public Future<List<String>> usersWithSockets() {
    return ids(new JsonObject().put("sockets.0", new JsonObject().put("$exists", true)));
  }

  private static JsonObject socket(String socketId, String gatewayId) {
    return new JsonObject().put("id", socketId).put("gateway", gatewayId);
  }

  /** offline → online if the user has a socket: the new state (with its version), or null if nothing changed. */
  public Future<JsonObject> goOnline(String userId) {
    JsonObject query = new JsonObject()
      .put("_id", userId)
      .put("status", new JsonObject().put("$ne", ONLINE))
      .put("sockets.0", new JsonObject().put("$exists", true));
    return transition(query, ONLINE, null);
  }

  /**
   * online → offline if the user has had no socket since {@code quietSince} (the grace period): the new state, or null
   * if a socket came back or another instance already made the change.
   */
  public Future<JsonObject> goOffline(String userId, Instant quietSince, Instant lastSeenAt) {
    JsonObject query = new JsonObject()
      .put("_id", userId)
      .put("status", ONLINE)
      .put("sockets", new JsonObject().put("$size", 0))
      .put("changedAt", new JsonObject().put("$lte", Dates.of(quietSince)));
    return transition(query, OFFLINE, lastSeenAt);
  }

  private Future<JsonObject> transition(JsonObject query, String status, Instant lastSeenAt) {
    JsonObject set = new JsonObject().put("status", status);
    if (lastSeenAt != null) {
      set.put("lastSeenAt", Dates.of(lastSeenAt));
    }
    JsonObject update = new JsonObject().put("$set", set).put("$inc", new JsonObject().put("version", 1L));
    return mongo.findOneAndUpdateWithOptions(PRESENCE, query, update, new FindOptions(),
      new UpdateOptions().setReturningNewDocument(true));
  }

  public Future<JsonObject> byUser(String userId) {
    return mongo.findOne(PRESENCE, new JsonObject().put("_id", userId), null);
  }

  /** Users marked online with no socket left since {@code quietSince}: missed grace timers (an instance restarted). */
  public Future<List<String>> quietOnlineUsers(Instant quietSince) {
    JsonObject query = new JsonObject()
      .put("status", ONLINE)
      .put("sockets", new JsonObject().put("$size", 0))
      .put("changedAt", new JsonObject().put("$lte", Dates.of(quietSince)));
    return ids(query);
  }

  /**
   * Those of {@code userIds} who have a socket open right now, on any gateway. Asked for every message's recipients,
   * so the filter is {@code _id} alone (which the embedded mongo-java-server serves from its index; with the socket
   * condition added it scanned every presence document per message) and at most one socket of each comes back to be
   * checked here.
   */
  public Future<List<String>> connected(List<String> userIds) {
    JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(userIds)));
    FindOptions oneSocket = new FindOptions().setFields(new JsonObject().put("sockets", new JsonObject().put("$slice", 1)));
    return mongo.findWithOptions(PRESENCE, query, oneSocket).map(docs -> docs.stream()
      .filter(doc -> !doc.getJsonArray("sockets", new JsonArray()).isEmpty())
      .map(doc -> doc.getString("_id"))
      .toList());
  }

  /** Users offline since before {@code before}, or never seen: candidates for a digest. */
  public Future<Boolean> offlineSince(String userId, Instant before) {
    return byUser(userId).map(doc -> {
      if (doc == null) {
        return true;
      }
      if (ONLINE.equals(doc.getString("status")) || !doc.getJsonArray("sockets", new JsonArray()).isEmpty()) {
        return false;
      }
      Instant seen = Dates.toInstant(doc.getValue("lastSeenAt"));
      return seen == null || !seen.isAfter(before);
    });
  }

  // ---- gateway leases

  /** Renews (or starts) the gateway's lease: true when it was still held, false when it had to be started anew. */
  public Future<Boolean> renewLease(String gatewayId) {
    return mongo.updateCollectionWithOptions(GATEWAYS, new JsonObject().put("_id", gatewayId),
      new JsonObject().put("$set", new JsonObject().put("seenAt", Dates.now())), new UpdateOptions().setUpsert(true))
      .map(r -> r.getDocUpsertedId() == null);
  }

  public Future<Void> createIndexes() {
    return Mongo.index(mongo, PRESENCE, new JsonObject().put("status", 1))
      .compose(v -> Mongo.index(mongo, PRESENCE, new JsonObject().put("sockets.gateway", 1)))
      .compose(v -> Mongo.index(mongo, GATEWAYS, new JsonObject().put("seenAt", 1)));
  }

  /** Gateways whose lease is still running. */
  public Future<List<String>> liveGateways(Instant since) {
    return ids(GATEWAYS, new JsonObject().put("seenAt", new JsonObject().put("$gte", Dates.of(since))));
  }

  /** Presence documents holding a socket of a gateway not in {@code live}. */
  public Future<List<JsonObject>> withSocketsOutside(List<String> live) {
    JsonObject query = new JsonObject().put("sockets", new JsonObject().put("$elemMatch",
      new JsonObject().put("gateway", new JsonObject().put("$nin", new JsonArray(live)))));
    return mongo.findWithOptions(PRESENCE, query, new FindOptions().setFields(new JsonObject().put("sockets", 1)));
  }

  public Future<Void> dropExpiredLeases(Instant before) {
    return mongo.removeDocuments(GATEWAYS, new JsonObject().put("seenAt", new JsonObject().put("$lt", Dates.of(before))))
      .mapEmpty();
  }

  private Future<List<String>> ids(JsonObject query) {
    return ids(PRESENCE, query);
  }

  private Future<List<String>> ids(String collection, JsonObject query) {
    return mongo.findWithOptions(collection, query, new FindOptions().setFields(new JsonObject().put("_id", 1)))
      .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }
}
