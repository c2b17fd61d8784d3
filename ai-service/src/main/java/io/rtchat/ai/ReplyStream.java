package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.rtchat.api.ChatService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.rtchat.common.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * One reply of the assistant, from the request to the provider to the stored answer, on the instance that took the
 * question. Every device of the user sees {@code ai.delta {chatId, replyId, text}} (coalesced), then exactly one of
 * {@code ai.done {chatId, replyId, message}} (the stored reply, {@code incomplete: true} when stopped or cut short) or
 * {@code ai.error {chatId, replyId, code, message, reply?}} ({@code reply}: the part received before the failure,
 * stored incomplete). The user's slot is freed at the end whatever happened, so the chat is usable again at once.
 */
final class ReplyStream {

  private static final Logger log = LoggerFactory.getLogger(ReplyStream.class);
  /** A reply's id prefix in clientMsgId: storing it twice (a retried store) keeps one message. */
  static final String REPLY_CLIENT_MSG_PREFIX = "ai-reply-";

  private final Vertx vertx;
  private final AiSettings settings;
  private final ProviderClient provider;
  private final ChatService chats;
  private final AiChatStore store;
  private final String userId;
  private final String chatId;
  private final String leaseId;
  private final StringBuilder received = new StringBuilder();
  private int receivedBytes;
  private boolean cutShort;
  private boolean cancelRequested;
  private ProviderClient.Stream stream;

  ReplyStream(Vertx vertx, AiSettings settings, ProviderClient provider, ChatService chats, AiChatStore store,
              String userId, String chatId, String leaseId) {
    this.vertx = vertx;
    this.settings = settings;
    this.provider = provider;
    this.chats = chats;
    this.store = store;
    this.userId = userId;
    this.chatId = chatId;
    this.leaseId = leaseId;
  }

  String leaseId() {
    return leaseId;
  }

  /** Stops the reply (a cancel may arrive before the provider was even asked: it then never is). */
  void cancel() {
    cancelRequested = true;
    if (stream != null) {
      stream.stop();
    }
  }

  /**
   * Answers the question {@code replyId} (the id of the user's message): builds the context from the history, streams,
   * stores, frees the user's slot and only then announces the outcome, so a client that asks again on
   * {@code ai.done}/{@code ai.error} is never told it is busy. Never fails: every ending is an event.
   */
  Future<Void> run(String replyId) {
    long renewal = vertx.setPeriodic(AiChatStore.LEASE_MILLIS / 3, id -> store.renewReply(userId, leaseId)
      .onFailure(err -> log.warn("ai lease renewal failed userId={} error={}", userId, err.getMessage())));
    long started = System.currentTimeMillis();
    return chats.listMessages(userId, chatId, new JsonObject().put("limit", 100))
      .compose(page -> cancelRequested ? Future.succeededFuture(ProviderClient.Ending.STOPPED) : streamAnswer(replyId, page))
      .transform(ar -> conclude(replyId, ar.succeeded() ? null : ar.cause()))
      .compose(outcome -> {
        vertx.cancelTimer(renewal);
        log.info("ai reply ended userId={} replyId={} outcome={} chars={} millis={}", userId, replyId,
          outcome.getString("type"), received.length(), System.currentTimeMillis() - started);
        return store.releaseReply(userId, leaseId)
          .onFailure(err -> log.warn("ai reply slot not released userId={} error={}", userId, err.getMessage()))
          .transform(released -> {
            Inbox.publish(vertx.eventBus(), userId, outcome.getString("type"), outcome.getJsonObject("data"));
            return Future.<Void>succeededFuture();
          });
      })
      .recover(err -> {
        log.error("ai reply broke userId={} replyId={}", userId, replyId, err);
        vertx.cancelTimer(renewal);
        return store.releaseReply(userId, leaseId).otherwiseEmpty();
      });
  }

  private Future<ProviderClient.Ending> streamAnswer(String replyId, JsonObject page) {
    JsonArray context = ContextWindow.build(settings.systemPrompt(),
      page.getJsonArray("items").stream().map(JsonObject.class::cast).toList(), settings.maxHistoryChars());
    DeltaCoalescer deltas = new DeltaCoalescer(vertx, text -> Inbox.publish(vertx.eventBus(), userId, EventTypes.AI_DELTA,
      new JsonObject().put("chatId", chatId).put("replyId", replyId).put("text", text)));
    stream = provider.stream(context, text -> {
      String kept = keep(text);
      if (!kept.isEmpty()) {
        deltas.add(kept);
      }
    });
    return stream.ended().andThen(ar -> deltas.close());
  }

  /** The part of a piece that still fits in a message; reaching the limit stops the stream (stored incomplete). */
  private String keep(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (receivedBytes + bytes <= settings.maxReplyBytes()) {
      receivedBytes += bytes;
      received.append(text);
      return text;
    }
    StringBuilder fits = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (receivedBytes + size > settings.maxReplyBytes()) {
        break;
      }
      receivedBytes += size;
      fits.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    received.append(fits);
    cutShort = true;
    stream.stop();
    return fits.toString();
  }

  /** Stores what arrived (if anything) and answers the final event ({@code {type, data}}) telling how it ended. */
  private Future<JsonObject> conclude(String replyId, Throwable failure) {
    String text = received.toString();
    boolean complete = failure == null && !cancelRequested && !cutShort;
    Future<JsonObject> stored = text.isBlank() ? Future.succeededFuture(null) : chats.sendAssistantReply(AiChatService.ASSISTANT_ID,
        chatId, new JsonObject().put("clientMsgId", REPLY_CLIENT_MSG_PREFIX + replyId).put("content", text)
          .put("incomplete", !complete))
      .map(result -> result.getJsonObject("message"));
    return stored.transform(ar -> {
      if (ar.failed()) {
        log.warn("ai reply not stored userId={} replyId={} error={}", userId, replyId, ar.cause().getMessage());
        return Future.succeededFuture(error(replyId, ErrorCode.UNAVAILABLE, "The reply could not be saved", null));
      }
      JsonObject message = ar.result();
      if (failure != null) {
        if (!(failure instanceof AiFailure)) {
          log.warn("ai reply failed userId={} replyId={} error={}", userId, replyId, failure.getMessage());
        }
        return Future.succeededFuture(failure instanceof AiFailure ai
          ? error(replyId, ai.code(), ai.getMessage(), message)
          : error(replyId, ErrorCode.UNAVAILABLE, "The assistant cannot answer right now", message));
      }
      if (message == null) {
        return Future.succeededFuture(cancelRequested
          ? error(replyId, ErrorCode.AI_CANCELLED, "The reply was stopped before the assistant said anything", null)
          : error(replyId, ErrorCode.AI_PROVIDER_ERROR, "The assistant gave an empty answer", null));
      }
      return Future.succeededFuture(new JsonObject().put("type", EventTypes.AI_DONE)
        .put("data", new JsonObject().put("chatId", chatId).put("replyId", replyId).put("message", message)));
    });
  }

  private JsonObject error(String replyId, ErrorCode code, String message, JsonObject partial) {
    log.info("ai reply error userId={} replyId={} code={}", userId, replyId, code.code());
    Metrics.count("rtchat_ai_errors", "AI replies that ended in an error", "code", code.code());
    JsonObject data = new JsonObject().put("chatId", chatId).put("replyId", replyId).put("code", code.code())
      .put("message", message);
    if (partial != null) {
      data.put("reply", partial);
    }
    return new JsonObject().put("type", EventTypes.AI_ERROR).put("data", data);
  }

  static boolean isReplyClientMsgId(String clientMsgId) {
    return clientMsgId != null && clientMsgId.startsWith(REPLY_CLIENT_MSG_PREFIX);
  }
}
