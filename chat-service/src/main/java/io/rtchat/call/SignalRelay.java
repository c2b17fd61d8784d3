package io.rtchat.call;

import io.rtchat.api.CallService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Relays WebRTC signalling (SDP offers and answers, ICE candidates, hang-up) between users who have joined a ringing
 * or ongoing call ({@code inCall}), from the device they joined on, and nobody else. The service only checks who may talk to whom; it never reads the payload.
 * A signal goes to every device of the user {@code to}; {@code toDevice}, when given, tells the other devices of
 * that user to ignore it (once a call is answered, the caller talks to the device that answered).
 */
final class SignalRelay {

  static final List<String> KINDS = List.of("offer", "answer", "ice", "hangup");
  static final int MAX_PAYLOAD_BYTES = 16 * 1024;

  private final CallStore store;
  private final EventBus bus;

  SignalRelay(CallStore store, EventBus bus) {
    this.store = store;
    this.bus = bus;
  }

  Future<Void> relay(String userId, String deviceId, JsonObject body) {
    Input in = Input.of(body);
    String callId = in.requiredId("callId");
    String to = in.requiredId("to");
    String kind = in.requiredEnum("kind", KINDS);
    String toDevice = in.optionalString("toDevice", 1, 64);
    if (toDevice != null && !CallServiceImpl.DEVICE_ID.matcher(toDevice).matches()) {
      in.problem("toDevice", "must be 1 to 64 letters, digits, '-' or '_'");
    }
    Object payload = body == null ? null : body.getValue("payload");
    if (payload == null && !"hangup".equals(kind)) {
      in.problem("payload", "is required");
    }
    if (in.invalid()) {
      return in.failure();
    }
    if (payload != null && Json.encode(payload).getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      return Errors.fail(ErrorCode.CALL_SIGNAL_TOO_LARGE, "A signal payload is at most 16 KiB");
    }
    return store.byId(callId).compose(doc -> {
      List<String> participants = doc == null ? List.of() : CallEvents.ids(doc.getJsonArray("participants"));
      if (!participants.contains(userId)) {
        return Errors.fail(ErrorCode.CALL_NOT_FOUND, "No such call");
      }
      String status = doc.getString("status");
      if (!CallService.RINGING.equals(status) && !CallService.ONGOING.equals(status)) {
        return Errors.fail(ErrorCode.CALL_ENDED, "This call is over");
      }
      // only those who joined talk: a member who declined, never answered or left could otherwise offer and be
      // answered with the other side's camera and microphone without ever showing in the call
      List<String> inCall = CallEvents.ids(doc.getJsonArray("inCall"));
      if (!inCall.contains(userId) || !joinedFrom(doc, userId, deviceId)) {
        return Errors.fail(ErrorCode.CALL_NOT_JOINED, "You have not joined this call from this device");
      }
      if (!inCall.contains(to) || to.equals(userId)) {
        return Errors.fail(ErrorCode.CALL_NOT_PARTICIPANT, "The recipient is not in this call");
      }
      JsonObject signal = new JsonObject().put("callId", callId).put("from", userId).put("fromDevice", deviceId)
        .put("kind", kind).put("payload", payload).put("toDevice", toDevice);
      Inbox.publish(bus, to, EventTypes.CALL_SIGNAL, signal);
      return Future.<Void>succeededFuture();
    });
  }

  /**
   * Whether the user's latest join was from this device. A join that named no device (the caller's start, or an
   * answer without a deviceId) binds none, so any of that user's devices may signal.
   */
  static boolean joinedFrom(JsonObject doc, String userId, String deviceId) {
    JsonArray joined = doc.getJsonArray("joined", new JsonArray());
    for (int i = joined.size() - 1; i >= 0; i--) {
      JsonObject join = joined.getJsonObject(i);
      if (userId.equals(join.getString("userId"))) {
        String device = join.getString("deviceId");
        return device == null || device.equals(deviceId);
      }
    }
    return false;
  }
}
