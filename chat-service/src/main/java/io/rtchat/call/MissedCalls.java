package io.rtchat.call;

import io.rtchat.api.CallService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Dates;
import io.rtchat.common.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns calls nobody answered into {@code missed}. The deadline is stored on the call ({@code ringDeadline}), so no
 * in-memory timer alone decides: every instance sweeps expired ringing calls every second and ends each with a
 * conditional update on {@code status: ringing, ringDeadline <= now}; exactly one instance wins and only the winner
 * tells the participants and notifies the invitees. A timer per call started here ends it on time; after a restart
 * (timers lost) the sweep does the same a moment later.
 */
final class MissedCalls {

  private static final Logger log = LoggerFactory.getLogger(MissedCalls.class);
  static final long SWEEP_MILLIS = 1_000;
  private static final int SWEEP_BATCH = 100;
  private static final int NOTIFY_ATTEMPTS = 8;

  private final Vertx vertx;
  private final CallStore store;
  private final CallEvents events;
  private final NotificationService notifications;
  private long sweepTimer = -1;
  private boolean sweeping;

  MissedCalls(Vertx vertx, CallStore store, CallEvents events, NotificationService notifications) {
    this.vertx = vertx;
    this.store = store;
    this.events = events;
    this.notifications = notifications;
  }

  void start() {
    sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
  }

  void stop() {
    vertx.cancelTimer(sweepTimer);
  }

  /** The precise timer of a call this instance started (an optimisation; the sweep is the guarantee). */
  void watch(String callId, Instant deadline) {
    long delay = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis() + 5);
    vertx.setTimer(delay, id -> expire(callId));
  }

  void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    Instant now = Instant.now();
    store.expiredRinging(now, SWEEP_BATCH)
      .compose(calls -> Future.join(calls.stream().map(c -> expire(c.getString("_id"))).toList()))
      .compose(v -> store.expiredAnswered(now, SWEEP_BATCH))
      .compose(calls -> Future.join(calls.stream().map(c -> closeRing(c.getString("_id"))).toList()))
      .onFailure(err -> log.warn("missed-call sweep failed cause={}", err.toString()))
      .onComplete(ar -> sweeping = false);
  }

  /** Ends the call as missed if it still rings past its deadline; false when another instance or user got there first. */
  Future<Boolean> expire(String callId) {
    JsonObject condition = new JsonObject().put("status", CallService.RINGING)
      .put("ringDeadline", new JsonObject().put("$lte", Dates.now()));
    return store.finish(callId, condition, CallService.MISSED, "no_answer", null).compose(doc -> {
      if (doc != null) {
        announce(CallViews.call(doc));
        return Future.succeededFuture(true);
      }
      return closeRing(callId); // answered meanwhile (a group call): who still did not answer missed it
    });
  }

  /**
   * The deadline of a call someone answered: every invitee (or user busy at the start) who neither joined nor
   * declined missed it, and only they hear so; the call goes on. The conditional flip of {@code ringOpen} makes one
   * instance the only one to record and tell it.
   */
  Future<Boolean> closeRing(String callId) {
    return store.closeRing(callId).compose(doc -> {
      if (doc == null) {
        return Future.succeededFuture(false);
      }
      List<String> unanswered = unanswered(doc);
      doc.getJsonArray("joined").forEach(j -> unanswered.remove(((JsonObject) j).getString("userId")));
      if (unanswered.isEmpty()) {
        return Future.succeededFuture(true);
      }
      return store.recordMissed(callId, unanswered).map(updated -> {
        JsonObject call = CallViews.call(updated == null ? doc : updated);
        log.info("call missed by some callId={} chatId={} missed={}", callId, call.getString("chatId"), unanswered.size());
        events.missedBy(call, unanswered);
        notify(unanswered, notice(call), 1);
        return true;
      });
    });
  }

  private static List<String> unanswered(JsonObject call) {
    List<String> unanswered = new ArrayList<>(CallEvents.ids(call.getJsonArray("invited")));
    unanswered.addAll(CallEvents.ids(call.getJsonArray("busy")));
    unanswered.removeAll(CallEvents.ids(call.getJsonArray("declined")));
    return unanswered;
  }

  private static JsonObject notice(JsonObject call) {
    return new JsonObject().put("type", "call_missed")
      .put("content", "Missed " + call.getString("type") + " call")
      .put("relatedId", call.getString("id"))
      .put("chatId", call.getString("chatId"))
      .put("senderId", call.getString("initiator"));
  }

  /** Tells the participants the call was missed and leaves a {@code call_missed} notification with whoever did not answer. */
  void announce(JsonObject call) {
    log.info("call missed callId={} chatId={} reason={}", call.getString("id"), call.getString("chatId"), call.getString("endReason"));
    events.missed(call);
    Metrics.count("rtchat_calls_missed", "Calls nobody answered (rang out, hung up, or everyone busy)");
    List<String> unanswered = unanswered(call);
    if (!unanswered.isEmpty()) {
      notify(unanswered, notice(call), 1);
    }
  }

  /**
   * Retries only while nobody serves notification-service (it starts beside us, or is being redeployed): any other
   * failure may have stored some notifications already, and a retry would double them.
   */
  private void notify(List<String> userIds, JsonObject notice, int attempt) {
    notifications.notifyUsers(userIds, notice).onFailure(err -> {
      boolean nobodyListening = err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
      if (nobodyListening && attempt < NOTIFY_ATTEMPTS) {
        vertx.setTimer(500L * attempt, id -> notify(userIds, notice, attempt + 1));
      } else {
        log.warn("call_missed notifications failed callId={} attempt={} cause={}", notice.getString("relatedId"), attempt, err.toString());
      }
    });
  }
}
