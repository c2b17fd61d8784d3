package io.rtchat.gateway;

import io.rtchat.api.ChatService;
import io.rtchat.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * {@code /chats/*} and {@code /messages/*}: chats, history, sending, read receipts, stars, collections and search,
 * plus the bridge commands {@code client.chat.send}, {@code client.chat.read} and {@code client.chat.typing}.
 */
public class ChatRoutes implements ApiModule {

  /** URL segment → collection name in {@link ChatService#chatCollection}. */
  private static final Map<String, String> COLLECTIONS = Map.of(
    "starred-messages", "starred", "media", "media", "links", "links", "files", "files");

  private final ChatService chats;

  public ChatRoutes(ChatService chats) {
    this.chats = chats;
  }

  @Override
  public void mount(Router api) {
    api.post("/chats").handler(ctx -> createdOrOk(ctx, Rest.body(ctx)
      .compose(body -> chats.openDirectChat(Rest.userId(ctx), body)), "chat"));
    api.get("/chats").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit").compose(limit -> chats.listChats(Rest.userId(ctx),
      new JsonObject().put("limit", limit).put("before", Rest.param(ctx, "before"))))));
    api.get("/chats/search").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit").compose(limit -> chats.searchChats(
      Rest.userId(ctx), new JsonObject().put("q", Rest.param(ctx, "q")).put("limit", limit)))));
    api.get("/chats/:chatId").handler(ctx -> Rest.ok(ctx, chats.getChat(Rest.userId(ctx), ctx.pathParam("chatId"))));
    api.post("/chats/:chatId/pin").handler(ctx -> Rest.ok(ctx, chats.pinChat(Rest.userId(ctx), ctx.pathParam("chatId"), true)));
    api.post("/chats/:chatId/unpin").handler(ctx -> Rest.ok(ctx, chats.pinChat(Rest.userId(ctx), ctx.pathParam("chatId"), false)));
    api.get("/chats/:chatId/messages").handler(ctx -> Rest.ok(ctx, seqPage(ctx)
      .compose(query -> chats.listMessages(Rest.userId(ctx), ctx.pathParam("chatId"), query))));
    api.post("/chats/:chatId/messages").handler(ctx -> createdOrOk(ctx, Rest.body(ctx)
      .compose(body -> chats.sendMessage(Rest.userId(ctx), ctx.pathParam("chatId"), body)), "message"));
    api.post("/chats/:chatId/read").handler(ctx -> Rest.ok(ctx, Rest.body(ctx)
      .compose(body -> chats.markRead(Rest.userId(ctx), ctx.pathParam("chatId"), body))));
    COLLECTIONS.forEach((segment, kind) -> api.get("/chats/:chatId/" + segment).handler(ctx -> Rest.ok(ctx, seqPage(ctx)
      .compose(query -> chats.chatCollection(Rest.userId(ctx), ctx.pathParam("chatId"), kind, query)))));

    api.get("/messages/search").handler(ctx -> Rest.ok(ctx, Rest.intParam(ctx, "limit").compose(limit -> chats.searchMessages(
      Rest.userId(ctx), new JsonObject().put("q", Rest.param(ctx, "q")).put("chatId", Rest.param(ctx, "chatId"))
        .put("before", Rest.param(ctx, "before")).put("limit", limit)))));
    api.patch("/messages/:messageId").handler(ctx -> Rest.ok(ctx, Rest.body(ctx)
      .compose(body -> chats.editMessage(Rest.userId(ctx), ctx.pathParam("messageId"), body))));
    api.delete("/messages/:messageId").handler(ctx -> Rest.noContent(ctx, chats.deleteMessage(Rest.userId(ctx), ctx.pathParam("messageId"))));
    api.post("/messages/:messageId/star").handler(ctx -> Rest.ok(ctx, chats.starMessage(Rest.userId(ctx), ctx.pathParam("messageId"), true)));
    api.post("/messages/:messageId/unstar").handler(ctx -> Rest.ok(ctx, chats.starMessage(Rest.userId(ctx), ctx.pathParam("messageId"), false)));
  }

  @Override
  public void registerCommands(ClientCommands commands) {
    commands.on(Addresses.CLIENT_CHAT_SEND, (userId, body) ->
      chats.sendMessage(userId, chatIdOf(body), body).map(r -> r.getJsonObject("message")));
    commands.on(Addresses.CLIENT_CHAT_READ, (userId, body) -> chats.markRead(userId, chatIdOf(body), body));
    commands.on(Addresses.CLIENT_CHAT_TYPING, (userId, body) -> chats.typing(userId, chatIdOf(body)));
  }

  /** The command's chatId when it is a string (the service answers 400 for anything else, null included). */
  private static String chatIdOf(JsonObject body) {
    return body.getValue("chatId") instanceof String chatId ? chatId : null;
  }

  /** {@code before}/{@code after}/{@code limit} of a seq-paged list, as numbers (400 when they are not). */
  static Future<JsonObject> seqPage(RoutingContext ctx) {
    return Rest.longParam(ctx, "before").compose(before -> Rest.longParam(ctx, "after")
      .compose(after -> Rest.intParam(ctx, "limit")
        .map(limit -> new JsonObject().put("before", before).put("after", after).put("limit", limit))));
  }

  /** Answers {@code {created, <field>}} as 201 with the new thing, or 200 with the one that already existed. */
  private static void createdOrOk(RoutingContext ctx, Future<JsonObject> answer, String field) {
    answer.onComplete(ar -> {
      if (ar.failed()) {
        Rest.respond(ctx, Future.failedFuture(ar.cause()), 200);
      } else {
        Rest.respond(ctx, Future.succeededFuture(ar.result().getJsonObject(field)), ar.result().getBoolean("created") ? 201 : 200);
      }
    });
  }
}
