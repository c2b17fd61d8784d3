package io.rtchat.chat.store;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every query on {@code chats}. A chat document keeps the seed's fields ({@code isGroup, name, participants, groupId,
 * lastMessage, pinnedBy, createdAt, updatedAt}) plus {@code lastSeq} (seq of the newest message), {@code readSeq.<userId>}
 * (each participant's read pointer: bounded by the participants, so unread counts are O(1) and read receipts are one
 * {@code $max}), {@code readFrom.<userId>} (the seq a member who joined later started reading from) and {@code key}, unique: {@code direct:<a>:<b>} (sorted ids) for a 1:1
 * chat, {@code group:<groupId>} for a group's chat, so each exists once even under concurrent creation. Messages are
 * never embedded (see MessageStore): a busy chat would outgrow MongoDB's 16 MB document limit.
 */
public class ChatStore {

  static final String CHATS = "chats";
  /** The group membership version a group's chat last took (see GroupChatMembership). */
  public static final String GROUP_VERSION = "groupVersion";

  private final MongoClient mongo;

  /** A store whose message summaries are written at once (tools and tests; the service uses SummariesFlushedBeforeRead). */
  public ChatStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * What a read of the chat waits for first; here nothing, as every summary is written at once. The layer that writes
   * summaries behind the sends waits there until its own summaries of the chat are written.
   */
  protected Future<Void> settled(String chatId) {
    return Future.succeededFuture();
  }

  /** What a read of chats by anything but their id waits for first (see {@link #settled(String)}). */
  protected Future<Void> settled() {
    return Future.succeededFuture();
  }

  /** Writes every summary still waiting (at shutdown); here none ever waits. */
  public Future<Void> flushSummaries() {
    return settled();
  }

  /** Succeeds when the database answers. */
  public Future<Void> ping() {
    return Mongo.ping(mongo);
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, CHATS, new JsonObject().put("key", 1))
      .compose(v -> Mongo.index(mongo, CHATS, new JsonObject().put("participants", 1).put("updatedAt", -1)))
      .compose(v -> Mongo.index(mongo, CHATS, new JsonObject().put("groupId", 1)));
  }

  private static JsonObject newChat(boolean isGroup, String name, JsonArray participants, String groupId) {
    JsonObject now = Dates.now();
    return new JsonObject()
      .put("_id", Ids.newId())
      .put("isGroup", isGroup)
      .put("name", name)
      .put("participants", participants)
      .put("groupId", groupId)
      .put("lastMessage", null)
      .put("lastSeq", 0L)
      .put("readSeq", new JsonObject())
      .put("pinnedBy", new JsonArray())
      .put("createdAt", now)
      .put("updatedAt", now);
  }

  public static String groupKey(String groupId) {
    return "group:" + groupId;
  }

  /** Inserts the group's chat unless it exists, and answers it either way. */
  public Future<JsonObject> upsertGroupChat(String groupId, String name, List<String> participantIds) {
    JsonObject onInsert = newChat(true, name, new JsonArray(participantIds), groupId);
    return mongo.updateCollectionWithOptions(CHATS, new JsonObject().put("key", groupKey(groupId)),
        new JsonObject().put("$setOnInsert", onInsert), new UpdateOptions().setUpsert(true))
      .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture() : Future.failedFuture(err))
      .compose(v -> byGroup(groupId));
  }

  public Future<JsonObject> byGroup(String groupId) {
    return settled().compose(v -> mongo.findOne(CHATS, new JsonObject().put("key", groupKey(groupId)), null));
  }

  public Future<JsonObject> byId(String chatId) {
    return settled(chatId).compose(v -> mongo.findOne(CHATS, new JsonObject().put("_id", chatId), null));
  }

  /**
   * Makes the group's chat's participants the group's members at membership {@code version}, if the chat still holds the
   * version it was read with ({@code readVersion}; null: none), so of two concurrent writers the one that read first
   * loses and reads again. Only a change of participants moves {@code updatedAt} (the chat list's order). Answers the
   * chat after it, or null when it changed meanwhile or is gone.
   */
  public Future<JsonObject> replaceGroupParticipants(String groupId, Long readVersion, List<String> memberIds, long version,
                                                    boolean participantsChange) {
    JsonObject filter = new JsonObject().put("key", groupKey(groupId)).put(GROUP_VERSION,
      readVersion == null ? new JsonObject().put("$exists", false) : readVersion);
    JsonObject set = new JsonObject().put(GROUP_VERSION, version);
    if (participantsChange) {
      set.put("participants", new JsonArray(List.copyOf(memberIds))).put("updatedAt", Dates.now());
    }
    return settled().compose(v -> mongo.findOneAndUpdateWithOptions(CHATS, filter, new JsonObject().put("$set", set),
      new FindOptions(), new UpdateOptions().setReturningNewDocument(true)));
  }

  /** Gives the group's chat the group's new name; answers the chat after it (null when the group has no chat). */
  public Future<JsonObject> rename(String groupId, String name) {
    return updateGroupChat(groupId, new JsonObject().put("$set", new JsonObject().put("name", name)));
  }

  /** Applies an update to the group's chat and answers the chat after it (null when the group has no chat). */
  private Future<JsonObject> updateGroupChat(String groupId, JsonObject update) {
    JsonObject withTime = update.copy();
    withTime.put("$set", withTime.getJsonObject("$set", new JsonObject()).put("updatedAt", Dates.now()));
    return settled().compose(v -> mongo.findOneAndUpdateWithOptions(CHATS, new JsonObject().put("key", groupKey(groupId)),
      withTime, new FindOptions(), new UpdateOptions().setReturningNewDocument(true)));
  }

  /** Removes the chat document (its messages are MessageStore's: remove those first). */
  public Future<Void> deleteChat(String chatId) {
    return mongo.removeDocument(CHATS, new JsonObject().put("_id", chatId)).mapEmpty();
  }

  public static String directKey(String a, String b) {
    return a.compareTo(b) < 0 ? "direct:" + a + ":" + b : "direct:" + b + ":" + a;
  }

  /** Inserts the 1:1 chat of the pair unless it exists; answers {@code {created, chat}}. */
  public Future<JsonObject> upsertDirectChat(String a, String b) {
    JsonObject onInsert = newChat(false, null, new JsonArray().add(a).add(b), null);
    String key = directKey(a, b);
    return mongo.updateCollectionWithOptions(CHATS, new JsonObject().put("key", key),
        new JsonObject().put("$setOnInsert", onInsert), new UpdateOptions().setUpsert(true))
      .map(result -> result.getDocUpsertedId() != null)
      .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture(false) : Future.failedFuture(err))
      .compose(created -> settled().compose(v -> mongo.findOne(CHATS, new JsonObject().put("key", key), null))
        .map(chat -> new JsonObject().put("created", created).put("chat", chat)));
  }

  /**
   * Inserts a chat of a kind of its own ({@code kind}, e.g. a user's assistant chat) under its unique key unless it
   * exists (two first uses at once make one chat), pinned by {@code pinnedBy}, and answers {@code {created, chat}}.
   */
  public Future<JsonObject> upsertOwnChat(String key, String kind, String name, List<String> participants, String pinnedBy) {
    JsonObject onInsert = newChat(false, name, new JsonArray(participants), null)
      .put("kind", kind).put("pinnedBy", new JsonArray().add(pinnedBy));
    return mongo.updateCollectionWithOptions(CHATS, new JsonObject().put("key", key),
        new JsonObject().put("$setOnInsert", onInsert), new UpdateOptions().setUpsert(true))
      .map(result -> result.getDocUpsertedId() != null)
      .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture(false) : Future.failedFuture(err))
      .compose(created -> settled().compose(v -> mongo.findOne(CHATS, new JsonObject().put("key", key), null))
        .map(chat -> new JsonObject().put("created", created).put("chat", chat)));
  }

  /**
   * The chat if the user takes part in it, else null (the caller cannot tell "absent" from "not yours"). Read by
   * {@code _id} alone and checked here: the same answer, but a filter of exactly the indexed key is what the embedded
   * mongo-java-server can serve from its index (with {@code participants} added it scans every chat, on every send).
   */
  public Future<JsonObject> byIdFor(String chatId, String userId) {
    return settled(chatId).compose(v -> mongo.findOne(CHATS, new JsonObject().put("_id", chatId), null))
      .map(chat -> chat != null && chat.getJsonArray("participants", new JsonArray()).contains(userId) ? chat : null);
  }

  /**
   * What one batch of sends did to one chat: its newest message, when that was sent (the chat's last activity, its
   * {@code updatedAt}), and how far each sender has now read.
   */
  public record ChatRecord(String chatId, long lastSeq, JsonObject lastMessage, JsonObject sentAt, Map<String, Long> readers) {
  }

  /**
   * Records a batch of stored messages on their chats behind the send: here at once, nobody waiting for it;
   * SummariesFlushedBeforeRead gathers them over its window instead.
   */
  public void recordBehind(List<ChatRecord> records) {
    recordMessages(records);
  }

  /**
   * Records a batch of stored messages on their chats: one update per chat, in one unordered bulk write, selected by
   * {@code _id} alone, that moves everything forward with {@code $max} only: {@code lastSeq}, {@code updatedAt}, each
   * sender's read pointer to their own newest message (sending implies reading; the pointer is the read receipt),
   * and {@code lastMessage} itself, whose first field is its {@code seq} (documents compare field by field, so the
   * summary with the higher seq is the greater). A late writer (another chat-service instance that already recorded a
   * newer message) therefore changes nothing it should not, and still moves its own senders' pointers.
   *
   * <p>Why not a filter {@code lastSeq < seq}, as before: the embedded mongo-java-server serves a query from an index
   * only when it names exactly the index's fields, so that filter scanned every chat on every batch (a fifth of a 1:1
   * send's cost in the benchmark's profile, and growing with the number of chats), and it needed a second update for
   * the pointers. Summaries stored by earlier versions started with their id, a string, which compares above any
   * number: ChatMigrations rewrites them once. Nothing comes back: nobody needs the chat.
   */
  public Future<Void> recordMessages(List<ChatRecord> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<BulkOperation> updates = new ArrayList<>(records.size());
    for (ChatRecord record : records) {
      // The message's own time, not the write's: chats written together stay in the order their messages came.
      JsonObject forward = new JsonObject().put("lastSeq", record.lastSeq()).put("lastMessage", record.lastMessage())
        .put("updatedAt", record.sentAt());
      record.readers().forEach((reader, seq) -> forward.put(readSeqField(reader), seq));
      updates.add(BulkOperation.createUpdate(new JsonObject().put("_id", record.chatId()),
        new JsonObject().put("$max", forward)));
    }
    return mongo.bulkWriteWithOptions(CHATS, updates, new BulkWriteOptions(false)).mapEmpty();
  }

  /** Moves the user's read pointer forward to seq (never back); answers the chat as it was before (null: not theirs). */
  public Future<JsonObject> advanceRead(String chatId, String userId, long seq) {
    return settled(chatId).compose(v -> mongo.findOneAndUpdateWithOptions(CHATS,
      new JsonObject().put("_id", chatId).put("participants", userId),
      new JsonObject().put("$max", new JsonObject().put(readSeqField(userId), seq)), new FindOptions(), new UpdateOptions()));
  }

  /**
   * A member who joins starts reading at {@code seq}: their pointer moves there (never back) and so does
   * {@code readFrom.<userId>}, so the history before they joined does not count as read by them in {@code readBy}.
   */
  public Future<JsonObject> startReading(String chatId, String userId, long seq) {
    return settled(chatId).compose(v -> mongo.findOneAndUpdateWithOptions(CHATS,
      new JsonObject().put("_id", chatId).put("participants", userId),
      new JsonObject().put("$max", new JsonObject().put(readSeqField(userId), seq).put("readFrom." + userId, seq)),
      new FindOptions(), new UpdateOptions()));
  }

  public static String readSeqField(String userId) {
    return "readSeq." + userId;
  }

  /** Replaces the chat's {@code lastMessage} if it still is that message (after an edit or a delete). */
  public Future<Void> refreshLastMessage(String chatId, String messageId, JsonObject summary) {
    // After this instance's own summaries are written: one still waiting would put the unedited summary back.
    return settled(chatId).compose(v -> mongo.updateCollection(CHATS,
      new JsonObject().put("_id", chatId).put("lastMessage.id", messageId),
      new JsonObject().put("$set", new JsonObject().put("lastMessage", summary)))).mapEmpty();
  }

  /** Pins or unpins for one participant; answers the chat after it (null when not theirs). */
  public Future<JsonObject> setPinned(String chatId, String userId, boolean pinned) {
    JsonObject update = new JsonObject().put(pinned ? "$addToSet" : "$pull", new JsonObject().put("pinnedBy", userId));
    return settled(chatId).compose(v -> mongo.findOneAndUpdateWithOptions(CHATS,
      new JsonObject().put("_id", chatId).put("participants", userId),
      update, new FindOptions(), new UpdateOptions().setReturningNewDocument(true)));
  }

  /** The user's chats that they pinned (or did not), most recently active first, older than {@code before}. */
  public Future<List<JsonObject>> chatsOf(String userId, boolean pinned, JsonObject before, int limit) {
    JsonObject query = new JsonObject().put("participants", userId)
      .put("pinnedBy", pinned ? userId : new JsonObject().put("$ne", userId));
    if (before != null) {
      query.put("updatedAt", new JsonObject().put("$lt", before));
    }
    return settled().compose(v -> mongo.findWithOptions(CHATS, query,
      new FindOptions().setSort(new JsonObject().put("updatedAt", -1)).setLimit(limit)));
  }

  /** The user's most recently active chats, up to limit. */
  public Future<List<JsonObject>> recentChatsOf(String userId, int limit) {
    return settled().compose(v -> mongo.findWithOptions(CHATS, new JsonObject().put("participants", userId),
      new FindOptions().setSort(new JsonObject().put("updatedAt", -1)).setLimit(limit)));
  }

  /** Each of these chats' recorded {@code lastSeq}, by chat id (a chat that no longer exists is left out). */
  public Future<Map<String, Long>> lastSeqsOf(List<String> chatIds) {
    return mongo.findWithOptions(CHATS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(chatIds))),
        new FindOptions().setFields(new JsonObject().put("lastSeq", 1)))
      .map(found -> {
        Map<String, Long> lastSeqs = new HashMap<>();
        found.forEach(chat -> lastSeqs.put(chat.getString("_id"), chat.getLong("lastSeq", 0L)));
        return lastSeqs;
      });
  }

  public Future<Boolean> isParticipant(String chatId, String userId) {
    return mongo.count(CHATS, new JsonObject().put("_id", chatId).put("participants", userId)).map(n -> n > 0);
  }

  /** Every chat the user takes part in, participants only. */
  public Future<List<JsonObject>> participantsOfChatsOf(String userId) {
    return mongo.findWithOptions(CHATS, new JsonObject().put("participants", userId),
      new FindOptions().setFields(new JsonObject().put("participants", 1)));
  }
}
