package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Audio and video calls in a chat: the call record, ringing, answering, leaving, the ring timeout, the WebRTC
 * signalling relay and TURN credentials. Hosted by chat-service; it learns chat membership through
 * {@link ChatService} like any other client. {@code userId} is always the caller verified by the gateway;
 * {@code deviceId} the device (bridge socket or client-chosen token) the gateway vouches for, or null.
 *
 * <p>A call as returned: {@code {id, type, chatId, groupId, initiator, participants, invited, joined,
 * inCall, declined, busy, status, endReason, startedAt, answeredAt, endedAt, durationSeconds, ringDeadline}}.
 * A call that does not exist and a call the caller does not take part in both answer {@code call.not_found}.
 */
@ProxyGen
@VertxGen
public interface CallService {

  String ADDRESS = Addresses.CALL_SERVICE;

  /** Nobody answered yet; invitees' devices ring until {@code ringDeadline}. */
  String RINGING = "ringing";
  /** Somebody answered; the call goes on while anyone is in it (1:1: until either side leaves). */
  String ONGOING = "ongoing";
  /** It was answered and everybody left. */
  String ENDED = "ended";
  /** Nobody answered before the ring timeout, the caller hung up while ringing, or every invitee was busy. */
  String MISSED = "missed";
  /** The callee of a 1:1 call declined (in a group call: every invitee declined). */
  String REJECTED = "rejected";

  static CallService createProxy(Vertx vertx) {
    return new CallServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * {@code {chatId, type: "audio"|"video"}}: starts a call in a chat the caller belongs to. Every other participant
   * who is not in another ongoing call gets {@code call.invite}; those who are are listed in {@code busy}. Answers
   * the call ({@code status: ringing}); {@code call.active} (409, {@code fields.callId}) when the chat has one.
   */
  Future<JsonObject> startCall(String userId, JsonObject body);

  /**
   * {@code {deviceId?}}: joins the call on one device (a short token the client chose, or the id its bridge socket
   * reports); every participant gets {@code call.accepted {call, userId, deviceId}}, so the user's other devices stop
   * ringing.
   */
  Future<JsonObject> acceptCall(String userId, String callId, JsonObject body);

  /** Declines the call; every participant gets {@code call.rejected {call, userId}}. */
  Future<JsonObject> rejectCall(String userId, String callId);

  /** Leaves the call (the caller hanging up while it rings cancels it); may end it ({@code call.ended}). */
  Future<JsonObject> leaveCall(String userId, String callId);

  /** One call, for its participants. */
  Future<JsonObject> getCall(String userId, String callId);

  /** {@code {chatId, before? (call id), limit?}}: the chat's calls, newest first, {@code {items, hasMore}}. */
  Future<JsonObject> listCalls(String userId, JsonObject query);

  /**
   * {@code {callId, to, kind: "offer"|"answer"|"ice"|"hangup", payload, toDevice?}}: relays WebRTC signalling to
   * every device of user {@code to} as {@code call.signal {callId, from, fromDevice, kind, payload, toDevice}}, only
   * between participants of a ringing or ongoing call; the payload is at most 16 KiB of JSON.
   */
  Future<Void> signal(String userId, String deviceId, JsonObject body);

  /** {@code {iceServers: [{urls, username?, credential?}], ttl}}: STUN servers and time-limited TURN credentials. */
  Future<JsonObject> iceServers(String userId);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
