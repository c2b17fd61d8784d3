package io.rtchat.gateway;

import io.rtchat.api.CallService;
import io.rtchat.common.Addresses;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code /calls/*}: start, answer, decline, leave, history and ICE servers, with the seed's route shapes as aliases,
 * plus the bridge command {@code client.call.signal} (rate-limited per socket).
 */
public class CallRoutes implements ApiModule {

  static final int SIGNALS_PER_SECOND = 50;

  private final CallService calls;
  private final SignalRateLimit signalLimit = new SignalRateLimit(SIGNALS_PER_SECOND);

  public CallRoutes(CallService calls) {
    this.calls = calls;
  }

  @Override
  public void mount(Router api) {
    api.get("/calls/ice-servers").handler(ctx -> Rest.ok(ctx, calls.iceServers(Rest.userId(ctx))));
    api.post("/calls").handler(ctx -> Rest.created(ctx, Rest.body(ctx).compose(body -> calls.startCall(Rest.userId(ctx), body))));
    api.get("/calls").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit").compose(limit -> calls.listCalls(Rest.userId(ctx),
      new JsonObject().put("chatId", Rest.param(ctx, "chatId")).put("before", Rest.cursor(ctx, "before")).put("limit", limit)))));
    for (String type : List.of("audio", "video")) {
      // the seed's shapes: POST /calls/audio {chatId}, POST /groups/{id}/calls/audio, POST /calls/audio/{id}/end
      api.post("/calls/" + type).handler(ctx -> Rest.created(ctx, Rest.body(ctx)
        .compose(body -> calls.startCall(Rest.userId(ctx), body.copy().put("type", type)))));
      api.post("/groups/:groupId/calls/" + type).handler(ctx -> Rest.created(ctx, calls.startCall(Rest.userId(ctx),
        new JsonObject().put("groupId", ctx.pathParam("groupId")).put("type", type))));
      api.post("/calls/" + type + "/:callId/end").handler(ctx -> leave(ctx));
    }
    api.get("/calls/:callId").handler(ctx -> Rest.ok(ctx, calls.getCall(Rest.userId(ctx), ctx.pathParam("callId"))));
    api.post("/calls/:callId/accept").handler(ctx -> Rest.ok(ctx, Rest.body(ctx)
      .compose(body -> calls.acceptCall(Rest.userId(ctx), ctx.pathParam("callId"), body))));
    api.post("/calls/:callId/reject").handler(ctx -> Rest.ok(ctx, calls.rejectCall(Rest.userId(ctx), ctx.pathParam("callId"))));
    api.post("/calls/:callId/end").handler(this::leave);
  }

  private void leave(RoutingContext ctx) {
    Rest.ok(ctx, calls.leaveCall(Rest.userId(ctx), ctx.pathParam("callId")));
  }

  @Override
  public void registerCommands(ClientCommands commands) {
    commands.onSocket(Addresses.CLIENT_CALL_SIGNAL, (userId, socketId, deviceId, body) -> {
      if (socketId == null || !signalLimit.tryAcquire(socketId, System.nanoTime())) {
        return Errors.fail(ErrorCode.RATE_LIMITED, "At most " + SIGNALS_PER_SECOND + " signals a second per connection");
      }
      return calls.signal(userId, deviceId, body);
    });
  }
}
