package io.rtchat.chat.store;

import io.rtchat.chat.store.ChatStore.ChatRecord;
import io.rtchat.common.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The chats' message summaries ({@code lastSeq}, {@code lastMessage}, {@code updatedAt}, the senders' read pointers),
 * written behind the sends and coalesced per chat: a busy chat's summary is one update per window, not one per batch
 * of sends. The messages themselves are the durable record (committed before a send is acknowledged); a summary is
 * derived from them, and each update is a {@code $max}, so it can be merged, delayed and written again freely.
 *
 * <p>Why: recording each batch on its chats before the acknowledgement was a fifth of a 1:1 send's CPU in the embedded
 * store (each update copies the chat, checks its size and rewrites its participant index entries), and a busy chat
 * was updated as often as batches went out.
 *
 * <p>Reads see this instance's own summaries: SummariesFlushedBeforeRead waits, before reading a chat, until what is
 * pending for it is written ({@link #settled(String)}), and a reader waiting makes the write go at once. A summary recorded by another
 * instance may be a window old there; a crash can lose a window's summaries, which ChatSummaryRepair restores from the
 * messages at the next start. Used from the chat service's event loop only.
 */
final class ChatSummaries {

  private static final Logger log = LoggerFactory.getLogger(ChatSummaries.class);

  private final Vertx vertx;
  private final Function<List<ChatRecord>, Future<Void>> write;
  private final long windowMillis;
  /** Recorded and not yet being written, one merged record per chat. */
  private Map<String, ChatRecord> pending = new LinkedHashMap<>();
  /** Being written now (empty when no write is in flight). */
  private Map<String, ChatRecord> writing = Map.of();
  /** Completes when the records now pending have been written (created on the first wait for them). */
  private Promise<Void> pendingWritten;
  /** Completes when the write in flight is done. */
  private Promise<Void> writingDone;
  private long timer = -1;

  /** {@code write} stores one batch of records (one update per chat); {@code windowMillis} is how long records gather. */
  ChatSummaries(Vertx vertx, Function<List<ChatRecord>, Future<Void>> write, long windowMillis) {
    this.vertx = vertx;
    this.write = write;
    this.windowMillis = Math.max(0, windowMillis);
  }

  /** Takes a batch's records; they are written within the window, merged with any other record of the same chat. */
  void record(List<ChatRecord> records) {
    for (ChatRecord record : records) {
      pending.merge(record.chatId(), record, ChatSummaries::merge);
    }
    if (!pending.isEmpty() && writing.isEmpty()) {
      schedule(windowMillis);
    }
  }

  /** Succeeds once nothing this instance recorded for the chat is waiting to be written (at once when nothing is). */
  Future<Void> settled(String chatId) {
    if (pending.containsKey(chatId)) {
      return pendingWritten();
    }
    return writing.containsKey(chatId) ? writingDone.future() : Future.succeededFuture();
  }

  /** Succeeds once nothing this instance recorded is waiting to be written: for reads by anything but a chat's id. */
  Future<Void> settled() {
    if (!pending.isEmpty()) {
      return pendingWritten();
    }
    return writing.isEmpty() ? Future.succeededFuture() : writingDone.future();
  }

  /** Writes everything recorded so far (at shutdown); succeeds once it is written. */
  Future<Void> flush() {
    return settled();
  }

  /** How many chats have a summary waiting (for metrics and tests). */
  int waiting() {
    return pending.size() + writing.size();
  }

  private Future<Void> pendingWritten() {
    if (pendingWritten == null) {
      pendingWritten = Promise.promise();
    }
    // A reader is waiting: the write goes now, not at the end of the window.
    if (writing.isEmpty()) {
      schedule(0);
    }
    return pendingWritten.future();
  }

  private void schedule(long delayMillis) {
    if (timer >= 0 && delayMillis > 0) {
      return;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (delayMillis == 0) {
      timer = -1;
      vertx.runOnContext(v -> writeNow());
    } else {
      timer = vertx.setTimer(delayMillis, id -> {
        timer = -1;
        writeNow();
      });
    }
  }

  private void writeNow() {
    if (!writing.isEmpty() || pending.isEmpty()) {
      return;
    }
    writing = pending;
    pending = new LinkedHashMap<>();
    writingDone = pendingWritten != null ? pendingWritten : Promise.promise();
    pendingWritten = null;
    Map<String, ChatRecord> batch = writing;
    Metrics.count("rtchat_chat_summary_writes", "Bulk writes of chat summaries (each one update per chat)");
    Future<Void> written;
    try {
      written = write.apply(new ArrayList<>(batch.values()));
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(ar -> {
      if (ar.failed()) {
        // Kept for the next write ($max: writing them again is harmless); readers are not held up by a failing store.
        log.warn("chat summaries of {} chats not written, retried in the next window: {}", batch.size(), ar.cause().toString());
        Map<String, ChatRecord> again = new LinkedHashMap<>(batch);
        pending.forEach((chatId, record) -> again.merge(chatId, record, ChatSummaries::merge));
        pending = again;
      }
      writing = Map.of();
      Promise<Void> done = writingDone;
      writingDone = null;
      done.complete();
      if (!pending.isEmpty()) {
        schedule(pendingWritten != null ? 0 : Math.max(1, windowMillis));
      }
    });
  }

  /** Two records of one chat as one: the newer last message, and each sender's furthest read pointer. */
  static ChatRecord merge(ChatRecord a, ChatRecord b) {
    ChatRecord newer = b.lastSeq() >= a.lastSeq() ? b : a;
    Map<String, Long> readers = new HashMap<>(a.readers());
    b.readers().forEach((reader, seq) -> readers.merge(reader, seq, Math::max));
    return new ChatRecord(a.chatId(), newer.lastSeq(), newer.lastMessage(), newer.sentAt(), readers);
  }
}
