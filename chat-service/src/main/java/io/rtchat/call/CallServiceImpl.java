package io.rtchat.call;

import io.rtchat.api.CallService;
import io.rtchat.api.ChatService;
import io.rtchat.api.GroupService;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.Metrics;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a call's life: who may start one, who rings, who may answer, decline or leave, and when the call is
 * over. Membership comes from the chat service's contract; every state change is a conditional update in
 * {@link CallStore}, so concurrent answers, declines and hang-ups (from any instance) settle on one outcome.
 */
public class CallServiceImpl implements CallService {

  private static final Logger log = LoggerFactory.getLogger(CallServiceImpl.class);
  static final List<String> TYPES = List.of("audio", "video");
  /** A device id: the bridge's socket id or a short token the client chose. */
  static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final CallStore store;
  private final ChatService chats;
  private final GroupService groups;
  private final CallEvents events;
  private final MissedCalls missed;
  private final SignalRelay signals;
  private final TurnCredentials turn;
  private final Duration ringTimeout;

  public CallServiceImpl(CallStore store, ChatService chats, GroupService groups, CallEvents events, MissedCalls missed,
                         SignalRelay signals, TurnCredentials turn, Duration ringTimeout) {
    this.store = store;
    this.chats = chats;
    this.groups = groups;
    this.events = events;
    this.missed = missed;
    this.signals = signals;
    this.turn = turn;
    this.ringTimeout = ringTimeout;
  }

  @Override
  public Future<JsonObject> startCall(String userId, JsonObject body) {
    Input in = Input.of(body);
    String type = in.requiredEnum("type", TYPES);
    String groupId = in.optionalId("groupId");
    String chatId = groupId == null ? in.requiredId("chatId") : in.optionalId("chatId");
    if (in.invalid()) {
      return in.failure();
    }
    Future<String> chatOfCall = groupId == null ? Future.succeededFuture(chatId)
      : groups.getGroup(userId, groupId).map(group -> group.getString("chatId"));
    return chatOfCall
      .compose(id -> chats.getChat(userId, id))
      .compose(chat -> {
        List<String> invitees = new ArrayList<>(CallEvents.ids(chat.getJsonArray("participants")));
        invitees.remove(userId);
        if (invitees.isEmpty()) {
          return Errors.fail(ErrorCode.CALL_STATE, "Nobody else is in this chat to call");
        }
        // the usual case of a second call is answered here; the unique activeKey settles concurrent starts
        return store.activeInChat(chat.getString("id")).compose(active -> active != null
          ? activeCallConflict(chat.getString("id"))
          : store.busyAmong(invitees).compose(busy -> open(userId, type, chat, invitees, busy)));
      });
  }

  private Future<JsonObject> open(String userId, String type, JsonObject chat, List<String> invitees, Set<String> busy) {
    String callId = Ids.newId();
    Instant now = Instant.now();
    Instant deadline = now.plus(ringTimeout);
    List<String> invited = invitees.stream().filter(u -> !busy.contains(u)).toList();
    boolean nobodyToRing = invited.isEmpty();
    String chatId = chat.getString("id");
    JsonObject doc = new JsonObject()
      .put("_id", callId)
      .put("type", type)
      .put("chatId", chatId)
      .put("groupId", chat.getString("groupId"))
      .put("isGroup", chat.getBoolean("isGroup", false))
      .put("initiator", userId)
      .put("participants", chat.getJsonArray("participants"))
      .put("invited", new JsonArray(invited))
      .put("busy", new JsonArray(List.copyOf(busy)))
      .put("declined", new JsonArray())
      .put("joined", new JsonArray().add(new JsonObject().put("userId", userId).put("deviceId", null).put("at", Dates.of(now))))
      .put("left", new JsonArray())
      .put("inCall", nobodyToRing ? new JsonArray() : new JsonArray().add(userId))
      .put("inCallCount", nobodyToRing ? 0 : 1)
      .put("status", nobodyToRing ? MISSED : RINGING)
      .put("endReason", nobodyToRing ? "busy" : null)
      .put("startedAt", Dates.of(now))
      .put("answeredAt", null)
      .put("endedAt", nobodyToRing ? Dates.of(now) : null)
      .put("durationSeconds", null)
      .put("ringDeadline", Dates.of(deadline))
      .put("ringOpen", !nobodyToRing)
      .put("missedBy", new JsonArray())
      .put("activeKey", nobodyToRing ? "done:" + callId : chatId);
    return store.insert(doc)
      .recover(err -> Mongo.isDuplicateKey(err) ? activeCallConflict(chatId) : Future.failedFuture(err))
      .map(v -> {
        JsonObject call = CallViews.call(doc);
        log.info("call started callId={} chatId={} type={} invited={} busy={}", callId, chatId, type, invited.size(), busy.size());
        Metrics.count("rtchat_calls_started", "Calls started", "type", type);
        if (nobodyToRing) {
          missed.announce(call);
        } else {
          events.invite(call);
          missed.watch(callId, deadline);
        }
        return call;
      });
  }

  private <T> Future<T> activeCallConflict(String chatId) {
    return store.activeInChat(chatId).compose(active -> Errors.fail(ErrorCode.CALL_ACTIVE,
      "This chat already has a call; join it instead",
      new JsonObject().put("callId", active == null ? null : active.getString("_id"))));
  }

  @Override
  public Future<JsonObject> acceptCall(String userId, String callId, JsonObject body) {
    Input in = Input.of(body);
    String deviceId = in.optionalString("deviceId", 1, 64);
    if (deviceId != null && !DEVICE_ID.matcher(deviceId).matches()) {
      in.problem("deviceId", "must be 1 to 64 letters, digits, '-' or '_'");
    }
    if (in.invalid()) {
      return in.failure();
    }
    // one call at a time: whoever is in another call (e.g. was reported busy) leaves it before answering this one
    return Input.checkId("callId", callId)
      .compose(v -> store.inAnotherCall(userId, callId))
      .compose(elsewhere -> elsewhere
        ? Errors.fail(ErrorCode.CALL_STATE, "You are in another call; leave it first")
        : store.join(callId, userId, deviceId))
      .compose(doc -> doc == null ? refusal(callId, userId) : Future.succeededFuture(doc))
      .map(doc -> {
        JsonObject call = CallViews.call(doc);
        events.accepted(call, userId, deviceId);
        return call;
      });
  }

  @Override
  public Future<JsonObject> rejectCall(String userId, String callId) {
    return Input.checkId("callId", callId).compose(v -> decline(userId, callId));
  }

  private Future<JsonObject> decline(String userId, String callId) {
    return store.decline(callId, userId)
      .compose(doc -> doc == null ? refusal(callId, userId) : Future.succeededFuture(doc))
      .compose(doc -> {
        boolean everyoneDeclined = CallEvents.ids(doc.getJsonArray("declined")).containsAll(CallEvents.ids(doc.getJsonArray("invited")));
        if (!RINGING.equals(doc.getString("status")) || (doc.getBoolean("isGroup", false) && !everyoneDeclined)) {
          return Future.succeededFuture(doc);
        }
        JsonObject stillRinging = new JsonObject().put("status", RINGING);
        String reason = doc.getBoolean("isGroup", false) ? "everyone_declined" : "rejected";
        return store.finish(callId, stillRinging, REJECTED, reason, null).map(ended -> ended == null ? doc : ended);
      })
      .map(doc -> {
        JsonObject call = CallViews.call(doc);
        events.rejected(call, userId);
        return call;
      });
  }

  @Override
  public Future<JsonObject> leaveCall(String userId, String callId) {
    return Input.checkId("callId", callId)
      .compose(v -> store.byId(callId))
      .compose(doc -> {
        if (doc == null || !CallEvents.ids(doc.getJsonArray("participants")).contains(userId)) {
          return notFound();
        }
        String status = doc.getString("status");
        if (!RINGING.equals(status) && !ONGOING.equals(status)) {
          return Errors.fail(ErrorCode.CALL_ENDED, "This call is over");
        }
        boolean inCall = CallEvents.ids(doc.getJsonArray("inCall")).contains(userId);
        if (!inCall && CallEvents.ids(doc.getJsonArray("invited")).contains(userId)
          && !CallEvents.ids(doc.getJsonArray("declined")).contains(userId)) {
          return decline(userId, callId); // hanging up a call that rings for me declines it
        }
        if (RINGING.equals(status) && userId.equals(doc.getString("initiator"))) {
          return cancel(userId, callId);
        }
        return hangUp(userId, callId);
      });
  }

  /** The caller hangs up before anyone answered: a missed call for everyone it rang for. */
  private Future<JsonObject> cancel(String userId, String callId) {
    return store.finish(callId, new JsonObject().put("status", RINGING), MISSED, "cancelled", null)
      .compose(doc -> {
        if (doc == null) {
          return hangUp(userId, callId); // someone answered meanwhile: an ordinary leave
        }
        JsonObject call = CallViews.call(doc);
        missed.announce(call);
        return Future.succeededFuture(call);
      });
  }

  private Future<JsonObject> hangUp(String userId, String callId) {
    return store.leave(callId, userId)
      .compose(doc -> doc == null ? refusal(callId, userId) : Future.succeededFuture(doc))
      .compose(doc -> {
        boolean isGroup = doc.getBoolean("isGroup", false);
        boolean lastOneOut = doc.getJsonArray("inCall", new JsonArray()).isEmpty();
        if (isGroup && !lastOneOut) {
          return Future.succeededFuture(doc);
        }
        JsonObject condition = new JsonObject().put("status", ONGOING);
        if (isGroup) {
          condition.put("inCallCount", 0); // nobody joined since the last one left
        }
        Instant answeredAt = Dates.toInstant(doc.getValue("answeredAt"));
        Long duration = answeredAt == null ? null : Math.max(0, Duration.between(answeredAt, Instant.now()).toSeconds());
        return store.finish(callId, condition, ENDED, isGroup ? "everyone_left" : "hangup", duration)
          .map(ended -> ended == null ? doc : ended);
      })
      .map(doc -> {
        JsonObject call = CallViews.call(doc);
        if (ENDED.equals(call.getString("status"))) {
          log.info("call ended callId={} durationSeconds={}", callId, call.getValue("durationSeconds"));
        }
        events.ended(call, userId);
        return call;
      });
  }

  /** Why the user may not do what they asked with this call, as a client error. */
  private <T> Future<T> refusal(String callId, String userId) {
    return store.byId(callId).compose(doc -> {
      if (doc == null || !CallEvents.ids(doc.getJsonArray("participants")).contains(userId)) {
        return notFound();
      }
      String status = doc.getString("status");
      if (!RINGING.equals(status) && !ONGOING.equals(status)) {
        return Errors.fail(ErrorCode.CALL_ENDED, "This call is over");
      }
      if (CallEvents.ids(doc.getJsonArray("declined")).contains(userId)) {
        return Errors.fail(ErrorCode.CALL_STATE, "You declined this call");
      }
      if (CallEvents.ids(doc.getJsonArray("inCall")).contains(userId)) {
        return Errors.fail(ErrorCode.CALL_STATE, "You are already in this call");
      }
      if (userId.equals(doc.getString("initiator")) || CallEvents.ids(doc.getJsonArray("invited")).contains(userId)
        || CallEvents.ids(doc.getJsonArray("busy")).contains(userId)) {
        return Errors.fail(ErrorCode.CALL_NOT_JOINED, "You are not in this call");
      }
      return Errors.fail(ErrorCode.CALL_NOT_INVITED, "You were not invited to this call");
    });
  }

  @Override
  public Future<JsonObject> getCall(String userId, String callId) {
    return Input.checkId("callId", callId)
      .compose(v -> store.byId(callId))
      .compose(doc -> doc == null || !CallEvents.ids(doc.getJsonArray("participants")).contains(userId)
        ? notFound() : Future.succeededFuture(CallViews.call(doc)));
  }

  @Override
  public Future<JsonObject> listCalls(String userId, JsonObject query) {
    Input in = Input.of(query);
    String chatId = in.requiredId("chatId");
    String before = in.optionalId("before");
    Long requested = in.optionalLong("limit", 1, Paging.MAX_LIMIT);
    if (in.invalid()) {
      return in.failure();
    }
    int limit = Paging.limit(requested == null ? null : requested.intValue());
    return chats.isParticipant(chatId, userId)
      .compose(member -> member ? store.page(chatId, userId, before, limit)
        : Errors.fail(ErrorCode.CHAT_NOT_FOUND, "No such chat"))
      .map(docs -> Paging.page(docs.stream().map(CallViews::call).toList(), limit));
  }

  @Override
  public Future<Void> signal(String userId, String deviceId, JsonObject body) {
    return signals.relay(userId, deviceId, body);
  }

  @Override
  public Future<JsonObject> iceServers(String userId) {
    return Future.succeededFuture(turn.iceServersFor(userId, Instant.now()));
  }

  @Override
  public Future<Void> ready() {
    return store.ping();
  }

  private static <T> Future<T> notFound() {
    return Errors.fail(ErrorCode.CALL_NOT_FOUND, "No such call");
  }
}
