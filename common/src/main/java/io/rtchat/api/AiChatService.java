package io.rtchat.api;

import io.rtchat.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Each user's AI assistant chat, served by ai-service. The chat is an ordinary chat of chat-service's (pinned, listed
 * by {@code GET /chats}, its messages ordinary messages with seq, history, search and {@code after=} catch-up); this
 * contract adds what only the assistant does: asking it (the reply streams to every device of the user as
 * {@code ai.delta} events, then {@code ai.done} or {@code ai.error}) and stopping a reply. {@code userId} is always
 * the caller verified by the gateway; nobody else ever reads or writes a user's AI chat.
 */
@ProxyGen
@VertxGen
public interface AiChatService {

  String ADDRESS = Addresses.AI_SERVICE;

  /**
   * The assistant's sender id on its messages in every AI chat. Not an account: no profile, no login, never a
   * member of anything else. A valid ObjectId so every id check accepts it. ai-service sends the assistant's
   * replies as this identity, and chat-service stores them only when it is the chat's other participant.
   */
  String ASSISTANT_ID = "000000000000000000000a1a";

  static AiChatService createProxy(Vertx vertx) {
    return new AiChatServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * A page of my AI chat's messages by seq, as {@code GET /chats/{id}/messages} answers ({@code {before?, after?,
   * limit?}}), plus {@code chatId} (null, with no items, before the chat was ever used) and {@code assistantId}.
   */
  Future<JsonObject> listMessages(String userId, JsonObject query);

  /**
   * {@code {content, clientMsgId?}}: stores my question (idempotent by clientMsgId) and starts the assistant's reply
   * → {@code {created, message}}; the reply's {@code replyId} is the question's id. ai.not_configured (503),
   * ai.busy (409) while a reply is in flight, ai.rate_limited (429, {@code fields.retryAfterSeconds}).
   */
  Future<JsonObject> ask(String userId, JsonObject body);

  /** Stops my reply in flight (its text so far is stored, {@code incomplete: true}) → {@code {cancelled}}. */
  Future<JsonObject> cancel(String userId);

  /** Succeeds when the service and its database answer. */
  Future<Void> ready();
}
