package io.rtchat.chat;

import io.rtchat.common.Addresses;
import io.rtchat.common.BoundedLru;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The send path's view of the chats being written to: each active chat's document (participants, groupId, lastSeq,
 * read pointers) held in memory, loaded on first use, kept current by this instance's own sends
 * ({@link #recorded}), and dropped whenever a chat's membership, name or existence changes anywhere: every
 * chat-service instance listens on {@link Addresses#CHAT_STATE_CHANGED}, which ChatEvents publishes on each such
 * change, and the next send of that chat reads it again. So a plain send reads nothing from the store.
 *
 * <p>What may be stale is harmless by construction: seqs are guarded by the unique index (lastSeq here is never used
 * to number a message), and read pointers moved on another instance only make a send's view of readBy of its own new
 * message (nobody else has read it yet) and the sender's "already read" check look older. Bounded, least recently
 * used first out. Used from the service's event loop only.
 */
final class ChatStateCache {

  static final int MAX_CHATS = 10_000;

  private final Function<String, Future<JsonObject>> loader;
  private final Map<String, JsonObject> chats = new BoundedLru<>(MAX_CHATS);
  private final Map<String, Future<JsonObject>> loading = new HashMap<>();
  /** Bumped by every invalidation: a load that began before one must not put its (older) answer in. */
  private long invalidations;
  private int loads;

  /** {@code loader} reads a chat's document by id (null when there is none). */
  ChatStateCache(Function<String, Future<JsonObject>> loader) {
    this.loader = loader;
  }

  /** Listens for chats changed anywhere in the cluster. */
  ChatStateCache listen(EventBus bus) {
    bus.<JsonObject>consumer(Addresses.CHAT_STATE_CHANGED, msg -> invalidate(msg.body().getString("chatId")));
    return this;
  }

  /** The chat if the user takes part in it, else null. */
  Future<JsonObject> chatFor(String chatId, String userId) {
    return chat(chatId).map(chat -> chat != null && ChatViews.participants(chat).contains(userId) ? chat : null);
  }

  Future<JsonObject> chat(String chatId) {
    JsonObject cached = chats.get(chatId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    Future<JsonObject> inFlight = loading.get(chatId);
    if (inFlight != null) {
      return inFlight;
    }
    long before = invalidations;
    loads++;
    Future<JsonObject> load = loader.apply(chatId);
    if (!load.isComplete()) {
      loading.put(chatId, load);
    }
    return load.andThen(ar -> {
      loading.remove(chatId, load);
      if (ar.succeeded() && ar.result() != null && invalidations == before) {
        chats.put(chatId, ar.result());
      }
    });
  }

  /** This instance stored messages up to {@code seq} in the chat, and each sender has read up to their own. */
  void recorded(String chatId, long seq, JsonObject lastMessage, Map<String, Long> senders) {
    JsonObject chat = chats.get(chatId);
    if (chat == null) {
      return;
    }
    if (chat.getLong("lastSeq", 0L) < seq) {
      chat.put("lastSeq", seq).put("lastMessage", lastMessage);
    }
    JsonObject readSeq = chat.getJsonObject("readSeq");
    if (readSeq == null) {
      readSeq = new JsonObject();
      chat.put("readSeq", readSeq);
    }
    for (Map.Entry<String, Long> sender : senders.entrySet()) {
      readSeq.put(sender.getKey(), Math.max(readSeq.getLong(sender.getKey(), 0L), sender.getValue()));
    }
  }

  void invalidate(String chatId) {
    invalidations++;
    chats.remove(chatId);
    loading.remove(chatId);
  }

  /** How many times the store was asked (for tests). */
  int loads() {
    return loads;
  }
}
