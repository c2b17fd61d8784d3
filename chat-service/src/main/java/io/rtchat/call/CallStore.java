package io.rtchat.call;

import io.rtchat.api.CallService;
import io.rtchat.common.Dates;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every query on {@code calls}. A call keeps the seed's fields ({@code type, chatId, groupId, initiator, participants,
 * startedAt, endedAt, status}) plus who was {@code invited}, who was {@code busy}, who {@code declined}, who
 * {@code joined} (each {@code {userId, deviceId, at}}) and {@code left} (each {@code {userId, at}}), who is
 * {@code inCall} now (and how many, {@code inCallCount}, which conditions compare), {@code answeredAt}, {@code durationSeconds}, {@code endReason}, {@code ringDeadline},
 * {@code ringOpen} (the ring deadline is still to be handled) and {@code missedBy} (who never answered an answered call).
 *
 * <p>{@code activeKey} is unique: the chat id while the call rings or goes on, {@code done:<callId>} once it is
 * over, so a chat has at most one active call even when two are started at once. Every state change is a
 * conditional update on the state it leaves, so when two service instances (or two users) race, one wins and the
 * other sees null.
 */
public class CallStore {

  static final String CALLS = "calls";
  private static final List<String> LIVE = List.of(CallService.RINGING, CallService.ONGOING);

  private final MongoClient mongo;

  public CallStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, CALLS, new JsonObject().put("activeKey", 1))
      .compose(v -> Mongo.index(mongo, CALLS, new JsonObject().put("chatId", 1).put("_id", -1)))
      .compose(v -> Mongo.index(mongo, CALLS, new JsonObject().put("status", 1).put("ringDeadline", 1)))
      .compose(v -> Mongo.index(mongo, CALLS, new JsonObject().put("inCall", 1)));
  }

  /** Stores a new call; fails with a duplicate key when the chat already has an active call. */
  public Future<Void> insert(JsonObject call) {
    return mongo.insert(CALLS, call).mapEmpty();
  }

  public Future<JsonObject> byId(String callId) {
    return mongo.findOne(CALLS, new JsonObject().put("_id", callId), null);
  }

  /** The ringing or ongoing call of the chat, or null. */
  public Future<JsonObject> activeInChat(String chatId) {
    return mongo.findOne(CALLS, new JsonObject().put("activeKey", chatId), null);
  }

  /** Which of these users are in a ringing or ongoing call right now. */
  public Future<Set<String>> busyAmong(List<String> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonObject query = new JsonObject()
      .put("status", new JsonObject().put("$in", new JsonArray(LIVE)))
      .put("inCall", new JsonObject().put("$in", new JsonArray(userIds)));
    return mongo.findWithOptions(CALLS, query, new FindOptions().setFields(new JsonObject().put("inCall", 1)))
      .map(calls -> {
        Set<String> busy = new HashSet<>();
        calls.forEach(c -> c.getJsonArray("inCall", new JsonArray()).forEach(u -> {
          if (userIds.contains(u)) {
            busy.add((String) u);
          }
        }));
        return busy;
      });
  }

  /**
   * The invitee joins on a device: the first answer turns {@code ringing} into {@code ongoing} and records
   * {@code answeredAt}; later ones join the ongoing call. Null when the user may not join (not invited, already in,
   * declined, or the call is over).
   */
  public Future<JsonObject> join(String callId, String userId, String deviceId) {
    JsonObject now = Dates.now();
    JsonObject joined = new JsonObject().put("userId", userId).put("deviceId", deviceId).put("at", now);
    JsonObject update = new JsonObject()
      .put("$addToSet", new JsonObject().put("inCall", userId))
      .put("$inc", new JsonObject().put("inCallCount", 1))
      .put("$push", new JsonObject().put("joined", joined));
    JsonObject first = mayJoin(callId, userId, true).put("status", CallService.RINGING);
    JsonObject answer = update.copy().put("$set", new JsonObject().put("status", CallService.ONGOING).put("answeredAt", now));
    return update(first, answer).compose(doc -> doc != null ? Future.succeededFuture(doc)
      : update(mayJoin(callId, userId, true).put("status", CallService.ONGOING), update));
  }

  /**
   * An invitee, a user who was busy when the call started (free now, they may still join), or, to rejoin an ongoing
   * call, its initiator; who is not in the call and did not decline it.
   */
  private static JsonObject mayJoin(String callId, String userId, boolean initiatorToo) {
    JsonObject filter = new JsonObject().put("_id", callId)
      .put("inCall", new JsonObject().put("$ne", userId))
      .put("declined", new JsonObject().put("$ne", userId));
    return initiatorToo
      ? filter.put("$or", new JsonArray().add(new JsonObject().put("invited", userId)).add(new JsonObject().put("busy", userId))
          .add(new JsonObject().put("initiator", userId)))
      : filter.put("invited", userId);
  }

  /** Records that an invitee declined; null when they may not (not invited, in the call, already declined, over). */
  public Future<JsonObject> decline(String callId, String userId) {
    JsonObject filter = mayJoin(callId, userId, false).put("status", new JsonObject().put("$in", new JsonArray(LIVE)));
    return update(filter, new JsonObject().put("$addToSet", new JsonObject().put("declined", userId)));
  }

  /** Takes the user out of the call; null when they are not in a ringing or ongoing call. */
  public Future<JsonObject> leave(String callId, String userId) {
    JsonObject filter = new JsonObject().put("_id", callId).put("inCall", userId)
      .put("status", new JsonObject().put("$in", new JsonArray(LIVE)));
    JsonObject update = new JsonObject()
      .put("$pull", new JsonObject().put("inCall", userId))
      .put("$inc", new JsonObject().put("inCallCount", -1))
      .put("$push", new JsonObject().put("left", new JsonObject().put("userId", userId).put("at", Dates.now())));
    return update(filter, update);
  }

  /**
   * Ends the call if it still matches {@code condition} (besides its id): the final status, why, when, how long.
   * Answers the ended call, or null when someone else changed it first.
   */
  public Future<JsonObject> finish(String callId, JsonObject condition, String status, String reason, Long durationSeconds) {
    JsonObject filter = condition.copy().put("_id", callId);
    JsonObject set = new JsonObject()
      .put("status", status)
      .put("endReason", reason)
      .put("endedAt", Dates.now())
      .put("durationSeconds", durationSeconds)
      .put("activeKey", "done:" + callId)
      .put("inCall", new JsonArray())
      .put("inCallCount", 0)
      .put("ringOpen", false);
    return update(filter, new JsonObject().put("$set", set));
  }

  /** Whether the user is in a ringing or ongoing call other than this one. */
  public Future<Boolean> inAnotherCall(String userId, String callId) {
    JsonObject query = new JsonObject().put("inCall", userId)
      .put("status", new JsonObject().put("$in", new JsonArray(LIVE)))
      .put("_id", new JsonObject().put("$ne", callId));
    return mongo.count(CALLS, query).map(n -> n > 0);
  }

  /** Answered calls whose ring deadline has passed while some invitees may still not have answered. */
  public Future<List<JsonObject>> expiredAnswered(Instant now, int limit) {
    JsonObject query = new JsonObject().put("status", CallService.ONGOING).put("ringOpen", true)
      .put("ringDeadline", new JsonObject().put("$lte", Dates.of(now)));
    return mongo.findWithOptions(CALLS, query, new FindOptions().setLimit(limit).setFields(new JsonObject().put("_id", 1)));
  }

  /**
   * Stops an answered call's ring if its deadline has passed and nobody stopped it yet; the call as it is then, or
   * null when another instance (or the call's end) got there first.
   */
  public Future<JsonObject> closeRing(String callId) {
    JsonObject filter = new JsonObject().put("_id", callId).put("status", CallService.ONGOING).put("ringOpen", true)
      .put("ringDeadline", new JsonObject().put("$lte", Dates.now()));
    return update(filter, new JsonObject().put("$set", new JsonObject().put("ringOpen", false)));
  }

  /** Records who never answered the call before its ring deadline. */
  public Future<JsonObject> recordMissed(String callId, List<String> userIds) {
    return update(new JsonObject().put("_id", callId),
      new JsonObject().put("$set", new JsonObject().put("missedBy", new JsonArray(userIds))));
  }

  /** Ringing calls whose deadline has passed (the sweep ends each with a conditional update). */
  public Future<List<JsonObject>> expiredRinging(Instant now, int limit) {
    JsonObject query = new JsonObject().put("status", CallService.RINGING)
      .put("ringDeadline", new JsonObject().put("$lte", Dates.of(now)));
    return mongo.findWithOptions(CALLS, query, new FindOptions().setLimit(limit).setFields(new JsonObject().put("_id", 1)));
  }

  /** Up to limit+1 of the chat's calls the user took part in, newest first, older than the {@code before} call id. */
  public Future<List<JsonObject>> page(String chatId, String userId, String before, int limit) {
    JsonObject query = new JsonObject().put("chatId", chatId).put("participants", userId);
    if (before != null) {
      query.put("_id", new JsonObject().put("$lt", before));
    }
    return mongo.findWithOptions(CALLS, query, new FindOptions()
      .setSort(new JsonObject().put("_id", -1)).setLimit(limit + 1));
  }

  public Future<Void> ping() {
    return Mongo.ping(mongo);
  }

  private Future<JsonObject> update(JsonObject filter, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(CALLS, filter, update,
      new io.vertx.ext.mongo.FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }
}
