package io.rtchat.chat;

import io.rtchat.chat.store.ChatStore;
import io.rtchat.chat.store.MessageStore;
import io.rtchat.chat.SendBatcher.Outcome;
import io.rtchat.common.Metrics;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of sends (see SendBatcher): numbers each new message with its chat's next seq, stores them all
 * with one ordered bulk insert (one commit), announces {@code message.new} once they are committed, hands the batch's
 * record of each chat (last message, senders' read pointers) to ChatStore to write behind the sends, coalesced per
 * chat (see ChatSummaries), tells notification-service, and lets each send be acknowledged.
 *
 * <p>Sending implies reading: the sender's read pointer moves to their message, but no {@code message.read} is
 * published for it. {@code message.new} already says it to every participant (its sender has read up to its seq), and
 * a second event per message to every participant was a large part of a send's fan-out.
 *
 * <p>Retries and conflicts are resolved per send. Two sends of the same clientMsgId in one batch are stored once:
 * the later ones answer the stored message ({@code created:false}). The ordered insert stops at the first duplicate
 * key, so what is stored is a prefix of the batch and no chat gets a gap; each send that was not stored is then either
 * a retry of a message stored earlier (it answers that one) or lost its seq to another instance (its chat's hint is
 * distrusted) or simply came after the failure: those two go again in the next batch, with fresh seqs.
 */
final class MessageBatchWriter implements SendBatcher.Writer<MessageBatchWriter.Send, MessageBatchWriter.Stored> {

  /** One send: the chat as the send path sees it, and the new message's document without its seq. */
  record Send(JsonObject chat, JsonObject doc) {
    String chatId() {
      return doc.getString("chatId");
    }

    String key() {
      return MessageStore.clientKey(doc);
    }
  }

  /** A send's result: the stored message, and whether this send stored it (false for a retry). */
  record Stored(JsonObject doc, boolean created) {
  }

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatEvents events;
  private final ChatStateCache cache;
  private final SeqHints hints;

  MessageBatchWriter(ChatStore chats, MessageStore messages, ChatEvents events, ChatStateCache cache, SeqHints hints) {
    this.chats = chats;
    this.messages = messages;
    this.events = events;
    this.cache = cache;
    this.hints = hints;
  }

  @Override
  public Future<List<Outcome<Stored>>> write(List<Send> batch) {
    // The first send of each chatId+clientMsgId is written; the others share its outcome.
    Map<String, Integer> firstOfKey = new HashMap<>();
    int[] leaderOf = new int[batch.size()];
    List<Integer> leaders = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Integer first = firstOfKey.putIfAbsent(batch.get(i).key(), i);
      leaderOf[i] = first == null ? i : first;
      if (first == null) {
        leaders.add(i);
      }
    }
    return lastSeqs(leaders.stream().map(i -> batch.get(i).chatId()).distinct().toList()).compose(last -> {
      List<JsonObject> docs = new ArrayList<>(leaders.size());
      for (int i : leaders) {
        Send send = batch.get(i);
        docs.add(send.doc().copy().put("seq", last.merge(send.chatId(), 1L, Long::sum)));
      }
      return insert(docs).map(outcomes -> {
        recorded(batch, leaders, docs, outcomes);
        List<Outcome<Stored>> all = new ArrayList<>(batch.size());
        Map<Integer, Outcome<Stored>> byLeader = new HashMap<>();
        for (int k = 0; k < leaders.size(); k++) {
          byLeader.put(leaders.get(k), outcomes.get(k));
        }
        for (int i = 0; i < batch.size(); i++) {
          Outcome<Stored> own = byLeader.get(leaderOf[i]);
          all.add(leaderOf[i] == i || !(own instanceof SendBatcher.Done<Stored> done)
            ? own : Outcome.done(new Stored(done.value().doc(), false)));
        }
        return all;
      });
    });
  }

  /** Each chat's last stored seq: the hint, or (unknown) read from the store and remembered. */
  private Future<Map<String, Long>> lastSeqs(List<String> chatIds) {
    Map<String, Long> last = new HashMap<>();
    List<Future<Void>> reads = new ArrayList<>();
    for (String chatId : chatIds) {
      Long hint = hints.hint(chatId);
      if (hint != null) {
        last.put(chatId, hint);
      } else {
        reads.add(messages.maxSeq(chatId).map(max -> {
          last.put(chatId, max);
          hints.stored(chatId, max);
          return null;
        }));
      }
    }
    return Future.all(reads).map(v -> last);
  }

  /** Inserts the documents; one outcome per document: stored (created), a retry of a stored message, or again. */
  private Future<List<Outcome<Stored>>> insert(List<JsonObject> docs) {
    return messages.insertAll(docs)
      .map(v -> docs.stream().map(doc -> Outcome.done(new Stored(doc, true))).toList())
      .recover(err -> Mongo.isDuplicateKey(err)
        ? messages.storedOf(docs.stream().map(doc -> doc.getString("_id")).toList()).compose(stored -> resolve(docs, stored))
        : Future.failedFuture(err));
  }

  /** After a duplicate key: which documents were stored, and what became of each of the others. */
  private Future<List<Outcome<Stored>>> resolve(List<JsonObject> docs, Set<String> stored) {
    List<JsonObject> missing = docs.stream().filter(doc -> !stored.contains(doc.getString("_id"))).toList();
    return messages.byClientMsgIds(missing).map(earlier -> {
      List<Outcome<Stored>> outcomes = new ArrayList<>(docs.size());
      for (JsonObject doc : docs) {
        if (stored.contains(doc.getString("_id"))) {
          outcomes.add(Outcome.done(new Stored(doc, true)));
          continue;
        }
        JsonObject existing = earlier.get(MessageStore.clientKey(doc));
        if (existing != null) {
          outcomes.add(Outcome.done(new Stored(existing, false)));
        } else {
          // Its seq may be taken by another instance: read the chat's max seq again before the next try.
          hints.distrust(doc.getString("chatId"));
          outcomes.add(Outcome.again());
        }
      }
      return outcomes;
    });
  }

  /**
   * Announces the new messages (committed by now), records them on their chats (written behind: the messages are the
   * durable record, the chats' summaries follow them) and tells notification-service of them.
   */
  private void recorded(List<Send> batch, List<Integer> leaders, List<JsonObject> docs,
                                List<Outcome<Stored>> outcomes) {
    Map<String, ChatBatch> byChat = new LinkedHashMap<>();
    for (int k = 0; k < docs.size(); k++) {
      if (outcomes.get(k) instanceof SendBatcher.Done<Stored> done && done.value().created()) {
        JsonObject doc = docs.get(k);
        Send send = batch.get(leaders.get(k));
        hints.stored(send.chatId(), doc.getLong("seq"));
        events.messageNew(send.chat(), doc);
        Metrics.count("rtchat_messages_stored", "Messages stored (retries of a stored message not counted)");
        byChat.computeIfAbsent(send.chatId(), id -> new ChatBatch(send.chat())).add(doc);
      }
    }
    if (byChat.isEmpty()) {
      return;
    }
    chats.recordBehind(byChat.entrySet().stream()
      .map(e -> new ChatStore.ChatRecord(e.getKey(), e.getValue().lastSeq(), e.getValue().summary(),
        e.getValue().last.getJsonObject("createdAt"), e.getValue().readers)).toList());
    byChat.forEach((chatId, chatBatch) -> {
      cache.recorded(chatId, chatBatch.lastSeq(), chatBatch.summary(), chatBatch.readers);
      chatBatch.docs.forEach(doc -> events.messageStored(chatBatch.chat, doc));
    });
  }

  /** One chat's part of a batch: its new messages in seq order, and how far each of their senders has now read. */
  private static final class ChatBatch {
    final JsonObject chat;
    final List<JsonObject> docs = new ArrayList<>();
    final Map<String, Long> readers = new LinkedHashMap<>();
    JsonObject last;

    ChatBatch(JsonObject chat) {
      this.chat = chat;
    }

    void add(JsonObject doc) {
      docs.add(doc);
      last = doc;
      readers.merge(doc.getString("sender"), doc.getLong("seq"), Math::max);
    }

    long lastSeq() {
      return last.getLong("seq");
    }

    /** The chat's new {@code lastMessage}; the store and the cache each keep their own copy. */
    JsonObject summary() {
      return MessageViews.summary(last);
    }
  }
}
