package io.rtchat.call;

import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code call.*} events: {@code {call, userId?, deviceId?}} to every device of every participant of the call
 * ({@code call.invite} only to those who ring).
 */
final class CallEvents {

  private final EventBus bus;

  CallEvents(EventBus bus) {
    this.bus = bus;
  }

  void invite(JsonObject call) {
    Inbox.publish(bus, ids(call.getJsonArray("invited")), EventTypes.CALL_INVITE, new JsonObject().put("call", call));
  }

  void accepted(JsonObject call, String userId, String deviceId) {
    toParticipants(call, EventTypes.CALL_ACCEPTED, new JsonObject().put("userId", userId).put("deviceId", deviceId));
  }

  void rejected(JsonObject call, String userId) {
    toParticipants(call, EventTypes.CALL_REJECTED, new JsonObject().put("userId", userId));
  }

  /** Someone left; {@code call.status} tells whether the whole call is over ({@code ended}) or goes on. */
  void ended(JsonObject call, String userId) {
    toParticipants(call, EventTypes.CALL_ENDED, new JsonObject().put("userId", userId));
  }

  void missed(JsonObject call) {
    toParticipants(call, EventTypes.CALL_MISSED, new JsonObject());
  }

  /** Only to those who never answered a call that others answered: the call goes on without them. */
  void missedBy(JsonObject call, List<String> userIds) {
    Inbox.publish(bus, userIds, EventTypes.CALL_MISSED, new JsonObject().put("call", call));
  }

  private void toParticipants(JsonObject call, String type, JsonObject data) {
    Inbox.publish(bus, ids(call.getJsonArray("participants")), type, data.put("call", call));
  }

  static List<String> ids(JsonArray array) {
    List<String> ids = new ArrayList<>();
    if (array != null) {
      array.forEach(o -> ids.add((String) o));
    }
    return ids;
  }
}
