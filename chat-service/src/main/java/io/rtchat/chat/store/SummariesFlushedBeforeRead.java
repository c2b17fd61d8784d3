package io.rtchat.chat.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;

import java.util.List;

/**
 * The chat store with the chats' message summaries written behind the sends (ChatSummaries, gathered over
 * {@code summaryWindowMillis}), and every read of a chat waiting first until what this instance has recorded on it is
 * written: a reader never sees its own instance's summary older than a message it was told of. The queries stay
 * in ChatStore; this layer only decides when they may run.
 */
public class SummariesFlushedBeforeRead extends ChatStore {

  private final ChatSummaries summaries;

  public SummariesFlushedBeforeRead(MongoClient mongo, Vertx vertx, long summaryWindowMillis) {
    super(mongo);
    this.summaries = new ChatSummaries(vertx, this::recordMessages, summaryWindowMillis);
  }

  @Override
  protected Future<Void> settled(String chatId) {
    return summaries.settled(chatId);
  }

  @Override
  protected Future<Void> settled() {
    return summaries.settled();
  }

  @Override
  public void recordBehind(List<ChatStore.ChatRecord> records) {
    summaries.record(records);
  }
}
