package io.rtchat.chat.store;

import io.rtchat.chat.MessageViews;
import io.rtchat.chat.store.ChatStore.ChatRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores, at start, the chat summaries that a crash kept from being written (ChatSummaries writes them behind the
 * sends): a chat whose newest message has a higher seq than its recorded {@code lastSeq} gets that message as its
 * {@code lastMessage}, and each sender's read pointer moves to their own newest message, exactly as the lost write
 * would have done ({@code $max}, so running it twice, or beside a live instance, changes nothing more).
 *
 * <p>Only the messages stored in the {@link #HORIZON_SECONDS} before the newest one are looked at: a summary lags its
 * messages by one window (tens of milliseconds), so this covers a crash of a single instance however long it stayed
 * down, and the crash of one of several instances if it restarts within the horizon. A chat missed otherwise is
 * corrected by its next message. The messages' ids are ObjectIds, which begin with their creation time: the range is
 * read from the id index.
 */
public final class ChatSummaryRepair {

  private static final Logger log = LoggerFactory.getLogger(ChatSummaryRepair.class);

  static final long HORIZON_SECONDS = 120;

  private final ChatStore chats;
  private final MessageStore messages;

  public ChatSummaryRepair(ChatStore chats, MessageStore messages) {
    this.chats = chats;
    this.messages = messages;
  }

  /** Answers how many chats it corrected. */
  public Future<Integer> run() {
    return messages.newestId().compose(newest -> newest == null
      ? Future.succeededFuture(0)
      : messages.lastSeqsSince(fromId(newest)).compose(this::repair));
  }

  /** The smallest id of a message created {@link #HORIZON_SECONDS} before the one with id {@code newest}. */
  static String fromId(String newest) {
    long seconds = Math.max(0, new ObjectId(newest).getTimestamp() - HORIZON_SECONDS);
    return String.format("%08x%016x", seconds, 0L);
  }

  private Future<Integer> repair(List<JsonObject> rows) {
    Map<String, Long> newestSeq = new HashMap<>();
    Map<String, Map<String, Long>> readers = new HashMap<>();
    for (JsonObject row : rows) {
      String chatId = row.getString("chatId");
      long seq = row.getLong("seq", 0L);
      newestSeq.merge(chatId, seq, Math::max);
      readers.computeIfAbsent(chatId, id -> new HashMap<>()).merge(row.getString("sender"), seq, Math::max);
    }
    if (newestSeq.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return chats.lastSeqsOf(new ArrayList<>(newestSeq.keySet())).compose(recorded -> {
      List<Future<ChatRecord>> lagging = new ArrayList<>();
      newestSeq.forEach((chatId, seq) -> {
        Long lastSeq = recorded.get(chatId);
        if (lastSeq != null && lastSeq < seq) {
          lagging.add(messages.bySeq(chatId, seq).map(last -> last == null ? null
            : new ChatRecord(chatId, seq, MessageViews.summary(last), last.getJsonObject("createdAt"), readers.get(chatId))));
        }
      });
      return Future.all(lagging).compose(all -> {
        List<ChatRecord> records = lagging.stream().map(Future::result).filter(r -> r != null).toList();
        if (records.isEmpty()) {
          return Future.succeededFuture(0);
        }
        log.warn("restored the summaries of {} chats whose last messages were stored but not yet recorded on them "
          + "(the previous run ended without writing them)", records.size());
        return chats.recordMessages(records).map(records.size());
      });
    });
  }
}
