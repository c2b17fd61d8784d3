package io.rtchat.gateway;

import io.rtchat.api.AiChatService;
import io.rtchat.common.Addresses;
import io.rtchat.common.Errors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /chats/ai/*}: the caller's AI assistant chat, and the bridge command {@code client.ai.cancel}. Mounted before
 * {@link ChatRoutes}, whose {@code /chats/:chatId/messages} would otherwise take {@code ai} for a chat id.
 */
public class AiRoutes implements ApiModule {

  private final AiChatService ai;

  public AiRoutes(AiChatService ai) {
    this.ai = ai;
  }

  @Override
  public void mount(Router api) {
    api.get("/chats/ai/messages").handler(ctx -> Rest.ok(ctx, ChatRoutes.seqPage(ctx)
      .compose(query -> ai.listMessages(Rest.userId(ctx), query))));
    api.post("/chats/ai/messages").handler(ctx -> ask(ctx, Rest.body(ctx).compose(body -> ai.ask(Rest.userId(ctx), body))));
    api.post("/chats/ai/cancel").handler(ctx -> Rest.ok(ctx, ai.cancel(Rest.userId(ctx))));
  }

  @Override
  public void registerCommands(ClientCommands commands) {
    commands.on(Addresses.CLIENT_AI_CANCEL, (userId, body) -> ai.cancel(userId));
  }

  /**
   * 202 with the stored question while the reply streams; 200 with it when it was a retry of a question already
   * asked (no second reply). A rate-limited ask carries {@code Retry-After}.
   */
  private static void ask(RoutingContext ctx, Future<JsonObject> answer) {
    answer.onComplete(ar -> {
      if (ar.failed()) {
        JsonObject fields = Errors.toClientError(ar.cause()).fields();
        if (fields != null && fields.getValue("retryAfterSeconds") instanceof Number seconds) {
          ctx.response().putHeader("Retry-After", String.valueOf(seconds.longValue()));
        }
        Rest.respond(ctx, Future.failedFuture(ar.cause()), 200);
      } else {
        Rest.respond(ctx, Future.succeededFuture(ar.result().getJsonObject("message")), ar.result().getBoolean("created") ? 202 : 200);
      }
    });
  }
}
