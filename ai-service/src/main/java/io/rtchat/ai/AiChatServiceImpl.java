package io.rtchat.ai;

import io.rtchat.api.AiChatService;
import io.rtchat.api.ChatService;
import io.rtchat.common.Addresses;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.HistoryQuery;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.rtchat.common.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The rules of the AI assistant chat. The chat is chat-service's (created on first use, pinned, {@code kind: "ai"},
 * participants the user and {@link AiChatService#ASSISTANT_ID}) and used only through its contract, as a bot user
 * would: the question is posted as the user, the reply as the assistant, so seq, idempotency, {@code message.new},
 * history, search and unread counts are those of any chat.
 * What is special lives here: one reply in flight per user (a lease in {@code ai_chats}), a per-user rate limit,
 * and the streaming itself ({@link ReplyStream}), which runs on the instance that took the question; a cancel is
 * published cluster-wide on {@value Addresses#AI_CANCEL} and stops it wherever it runs.
 */
public class AiChatServiceImpl implements AiChatService {

  private static final Logger log = LoggerFactory.getLogger(AiChatServiceImpl.class);

  private final Vertx vertx;
  private final AiSettings settings;
  private final AiChatStore store;
  private final ChatService chats;
  private final ProviderClient provider;
  private final RateLimiter rateLimiter;
  private final String instance = Ids.newId();
  /** The replies running on this instance, by user (at most one each). */
  private final Map<String, ReplyStream> running = new HashMap<>();

  AiChatServiceImpl(Vertx vertx, AiSettings settings, AiChatStore store, ChatService chats) {
    this.vertx = vertx;
    this.settings = settings;
    this.store = store;
    this.chats = chats;
    this.provider = settings.configured() ? new ProviderClient(vertx, settings) : null;
    this.rateLimiter = new RateLimiter(settings.maxRequestsPerMinute());
  }

  @Override
  public Future<JsonObject> listMessages(String userId, JsonObject query) {
    // Reading never creates the chat while the assistant is off: it would sit pinned in every chat list for nothing.
    // Nor for a query that is refused anyway: it is checked first.
    Future<String> chatId = HistoryQuery.of(query).compose(valid -> settings.configured()
      ? openChat(userId)
      : store.byUser(userId).map(doc -> doc == null ? null : doc.getString("chatId")));
    return chatId.compose(id -> id == null
      ? Future.succeededFuture(new JsonObject().put("items", new JsonArray()).put("hasMore", false).putNull("chatId"))
      : chats.listMessages(userId, id, query == null ? new JsonObject() : query).map(page -> page.put("chatId", id)))
      .map(page -> page.put("assistantId", ASSISTANT_ID));
  }

  @Override
  public Future<JsonObject> ask(String userId, JsonObject body) {
    Input in = Input.of(body);
    in.requiredString("content", 1, Integer.MAX_VALUE);
    String clientMsgId = in.optionalString("clientMsgId", 1, 64);
    if (ReplyStream.isReplyClientMsgId(clientMsgId)) {
      in.problem("clientMsgId", "must not start with " + ReplyStream.REPLY_CLIENT_MSG_PREFIX);
    }
    if (!settings.configured()) {
      return Errors.fail(ErrorCode.AI_NOT_CONFIGURED, "The AI assistant is not configured on this server");
    }
    if (in.invalid()) {
      return in.failure();
    }
    long wait = rateLimiter.waitMillis(userId, System.currentTimeMillis());
    if (wait > 0) {
      long seconds = Math.max(1, (wait + 999) / 1000);
      return Errors.fail(ErrorCode.AI_RATE_LIMITED, "Too many questions; ask again in " + seconds + " s",
        new JsonObject().put("retryAfterSeconds", seconds));
    }
    JsonObject question = new JsonObject().put("clientMsgId", clientMsgId == null ? "srv-" + Ids.newId() : clientMsgId)
      .put("content", body.getValue("content"));
    String leaseId = Ids.newId();
    return openChat(userId).compose(chatId -> store.claimReply(userId, leaseId, question.getString("clientMsgId"), instance)
      .compose(claimed -> claimed
        ? askClaimed(userId, chatId, leaseId, question)
        : whileBusy(userId, clientMsgId)));
  }

  /** Stores the question and starts the reply; a question that was stored before (a retry) starts none. */
  private Future<JsonObject> askClaimed(String userId, String chatId, String leaseId, JsonObject question) {
    ReplyStream reply = new ReplyStream(vertx, settings, provider, chats, store, userId, chatId, leaseId);
    running.put(userId, reply);
    rateLimiter.record(userId, System.currentTimeMillis());
    return chats.sendAssistantQuestion(userId, chatId, question)
      .onFailure(err -> {
        running.remove(userId, reply);
        store.releaseReply(userId, leaseId);
      })
      .onSuccess(sent -> {
        if (!sent.getBoolean("created")) {
          running.remove(userId, reply);
          store.releaseReply(userId, leaseId);
          return;
        }
        String replyId = sent.getJsonObject("message").getString("id");
        log.info("ai question userId={} chatId={} replyId={}", userId, chatId, replyId);
        Metrics.count("rtchat_ai_requests", "Questions sent to the AI provider");
        store.recordQuestion(userId, leaseId, sent.getJsonObject("message"))
          .onFailure(err -> log.warn("ai question not recorded on its lease userId={} error={}", userId, err.getMessage()));
        reply.run(replyId).onComplete(ar -> running.remove(userId, reply));
      });
  }

  /**
   * Another reply is running: a retry of the question it answers gets that question again (read from the lease, so
   * nothing is sent twice), anything else 409.
   */
  private Future<JsonObject> whileBusy(String userId, String clientMsgId) {
    return store.byUser(userId).compose(doc -> {
      JsonObject lease = AiChatStore.liveLease(doc);
      JsonObject asked = lease == null ? null : lease.getJsonObject("question");
      if (clientMsgId != null && asked != null && clientMsgId.equals(lease.getString("clientMsgId"))) {
        return Future.succeededFuture(new JsonObject().put("created", false).put("message", asked));
      }
      return Errors.fail(ErrorCode.AI_BUSY, "The assistant is still answering; wait for it or cancel it");
    });
  }

  @Override
  public Future<JsonObject> cancel(String userId) {
    return store.byUser(userId).map(doc -> {
      JsonObject lease = AiChatStore.liveLease(doc);
      if (lease == null) {
        return new JsonObject().put("cancelled", false);
      }
      vertx.eventBus().publish(Addresses.AI_CANCEL, new JsonObject().put("userId", userId).put("leaseId", lease.getString("leaseId")));
      return new JsonObject().put("cancelled", true);
    });
  }

  /** A cancel published by any instance: stops the reply if it runs here. */
  void onCancel(JsonObject request) {
    ReplyStream reply = running.get(request.getString("userId", ""));
    if (reply != null && reply.leaseId().equals(request.getString("leaseId"))) {
      log.info("ai reply cancelled userId={}", request.getString("userId"));
      reply.cancel();
    }
  }

  @Override
  public Future<Void> ready() {
    return store.ping();
  }

  void sweep() {
    rateLimiter.sweep(System.currentTimeMillis());
  }

  /**
   * The user's AI chat id, made on first use: chat-service opens the chat (and announces it with chat.created), then
   * the ai_chats record links it.
   */
  private Future<String> openChat(String userId) {
    return store.byUser(userId).compose(doc -> doc != null
      ? Future.succeededFuture(doc.getString("chatId"))
      : chats.openAssistantChat(userId).compose(opened -> store.link(userId, opened.getJsonObject("chat").getString("id"))
        .map(linked -> linked.getString("chatId"))));
  }

}
