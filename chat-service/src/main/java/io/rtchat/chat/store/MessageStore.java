package io.rtchat.chat.store;

import io.rtchat.chat.MessageViews;
import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every query on {@code messages}. A message keeps the seed's fields ({@code chatId, groupId, sender, content, type,
 * attachments, starredBy, deleted, createdAt, updatedAt}; {@code readBy} is derived from the chat's read pointers, see
 * MessageViews.readBy) plus {@code seq} (its place in the chat, 1, 2, 3 …
 * without gaps), {@code clientMsgId} (the sender's id for it, so a retried send is recognised), {@code links} (URLs
 * found in its text) and {@code editedAt}. Two unique indexes carry the delivery guarantees: {@code chatId+seq} (a
 * number is taken only by a stored message) and {@code chatId+sender+clientMsgId} (never a second copy of a sender's message).
 */
public class MessageStore {

  static final String MESSAGES = "messages";

  private final MongoClient mongo;

  public MessageStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, MESSAGES, new JsonObject().put("chatId", 1).put("seq", 1))
      // clientMsgId is the sender's: another member reusing it must not make a sender's send look like a retry
      .compose(v -> Mongo.dropIndexIfPresent(mongo, MESSAGES, "chatId_1_clientMsgId_1"))
      .compose(v -> Mongo.uniqueIndex(mongo, MESSAGES, new JsonObject().put("chatId", 1).put("sender", 1).put("clientMsgId", 1)))
      .compose(v -> Mongo.index(mongo, MESSAGES, new JsonObject().put("chatId", 1).put("starredBy", 1)))
      .compose(v -> Mongo.index(mongo, MESSAGES, new JsonObject().put("chatId", 1).put("type", 1).put("seq", 1)))
      .compose(v -> Mongo.index(mongo, MESSAGES, new JsonObject().put("attachments.id", 1)));
  }

  /** Which of these media ids a stored message holds (a deleted message holds no attachments). */
  public Future<List<String>> referencedMedia(List<String> mediaIds) {
    JsonArray ids = new JsonArray(mediaIds);
    return mongo.findWithOptions(MESSAGES, new JsonObject().put("attachments.id", new JsonObject().put("$in", ids)),
        new FindOptions().setFields(new JsonObject().put("attachments", 1)))
      .map(found -> found.stream()
        .flatMap(doc -> doc.getJsonArray("attachments", new JsonArray()).stream())
        .filter(a -> a instanceof JsonObject)
        .map(a -> ((JsonObject) a).getString("id"))
        .filter(mediaIds::contains)
        .distinct()
        .toList());
  }

  public Future<JsonObject> byId(String messageId) {
    return mongo.findOne(MESSAGES, new JsonObject().put("_id", messageId), null);
  }

  /** The sender's message in the chat with this clientMsgId (their retry's original), or null. */
  public Future<JsonObject> byClientMsgId(String chatId, String senderId, String clientMsgId) {
    return mongo.findOne(MESSAGES, new JsonObject().put("chatId", chatId).put("sender", senderId)
      .put("clientMsgId", clientMsgId), null);
  }

  /**
   * The stored messages with the same chatId, sender and clientMsgId as any of these documents, by {@link #clientKey}:
   * one query for all the sends of a batch that were not stored.
   */
  public Future<Map<String, JsonObject>> byClientMsgIds(List<JsonObject> docs) {
    if (docs.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonArray chatIds = new JsonArray(docs.stream().map(d -> d.getString("chatId")).distinct().toList());
    JsonArray senders = new JsonArray(docs.stream().map(d -> d.getString("sender")).distinct().toList());
    JsonArray clientMsgIds = new JsonArray(docs.stream().map(d -> d.getString("clientMsgId")).distinct().toList());
    return mongo.find(MESSAGES, new JsonObject().put("chatId", new JsonObject().put("$in", chatIds))
        .put("sender", new JsonObject().put("$in", senders))
        .put("clientMsgId", new JsonObject().put("$in", clientMsgIds)))
      .map(found -> {
        Map<String, JsonObject> byKey = new HashMap<>();
        found.forEach(doc -> byKey.put(clientKey(doc), doc));
        return byKey;
      });
  }

  /** A message's chatId, sender and clientMsgId as one key: what makes a send a retry of another. */
  public static String clientKey(JsonObject doc) {
    return doc.getString("chatId") + "\u0000" + doc.getString("sender") + "\u0000" + doc.getString("clientMsgId");
  }

  /** The highest seq stored in the chat (0 when it has none), read through the {@code chatId+seq} index. */
  public Future<Long> maxSeq(String chatId) {
    return mongo.findWithOptions(MESSAGES, new JsonObject().put("chatId", chatId), new FindOptions()
        .setSort(new JsonObject().put("seq", -1)).setLimit(1).setFields(new JsonObject().put("seq", 1)))
      .map(found -> found.isEmpty() ? 0L : found.get(0).getLong("seq", 0L));
  }

  /** The id of the newest stored message (ids are ObjectIds: they start with their creation time), or null. */
  public Future<String> newestId() {
    return mongo.findWithOptions(MESSAGES, new JsonObject(), new FindOptions()
        .setSort(new JsonObject().put("_id", -1)).setLimit(1).setFields(new JsonObject().put("_id", 1)))
      .map(found -> found.isEmpty() ? null : found.get(0).getString("_id"));
  }

  /**
   * For the messages with an id from {@code fromId} on: each chat's and sender's highest seq, as
   * {@code {chatId, sender, seq}} (grouped by the store, so a busy minute comes back as one row per sender and chat).
   */
  public Future<List<JsonObject>> lastSeqsSince(String fromId) {
    JsonArray pipeline = new JsonArray()
      .add(new JsonObject().put("$match", new JsonObject().put("_id", new JsonObject().put("$gte", fromId))))
      .add(new JsonObject().put("$group", new JsonObject()
        .put("_id", new JsonObject().put("chatId", "$chatId").put("sender", "$sender"))
        .put("seq", new JsonObject().put("$max", "$seq"))));
    return mongo.aggregate(MESSAGES, pipeline).collect(Collectors.toList())
      .map(rows -> rows.stream().map(row -> new JsonObject()
        .put("chatId", row.getJsonObject("_id").getString("chatId"))
        .put("sender", row.getJsonObject("_id").getString("sender"))
        .put("seq", row.getLong("seq"))).toList());
  }

  /** The message with that seq in its chat, or null. */
  public Future<JsonObject> bySeq(String chatId, long seq) {
    return mongo.findOne(MESSAGES, new JsonObject().put("chatId", chatId).put("seq", seq), null);
  }

  /** Removes every message of the chat (when the chat itself goes). */
  public Future<Void> deleteAllOf(String chatId) {
    return mongo.removeDocuments(MESSAGES, new JsonObject().put("chatId", chatId)).mapEmpty();
  }

  /** Inserts the message; fails with a duplicate-key error when its seq, or its sender's clientMsgId, is taken in the chat. */
  public Future<Void> insert(JsonObject message) {
    return mongo.insert(MESSAGES, message.copy()).mapEmpty();
  }

  /**
   * Inserts the messages in one ordered bulk write (one round trip, one commit): on the first duplicate key the write
   * stops, so what is stored is always a prefix of {@code batch} (see {@link #storedOf} to learn which). Fails with a
   * duplicate-key error when a seq or clientMsgId is taken.
   */
  public Future<Void> insertAll(List<JsonObject> batch) {
    List<BulkOperation> inserts = batch.stream().map(doc -> BulkOperation.createInsert(doc.copy())).toList();
    return mongo.bulkWriteWithOptions(MESSAGES, inserts, new BulkWriteOptions(true)).mapEmpty();
  }

  /** Which of these message ids are stored. */
  public Future<Set<String>> storedOf(List<String> ids) {
    return mongo.findWithOptions(MESSAGES, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))),
        new FindOptions().setFields(new JsonObject().put("_id", 1)))
      .map(found -> found.stream().map(doc -> doc.getString("_id")).collect(Collectors.toSet()));
  }

  /**
   * The new message's document, before it has a seq (SendMessage picks that). {@code groupId} is the chat's (null
   * for a 1:1 chat); {@code starredBy} starts empty and {@code editedAt} null.
   */
  public static JsonObject newMessage(String chatId, String groupId, String senderId, String clientMsgId, String type,
                               String content, JsonArray links, JsonArray attachments) {
    JsonObject now = Dates.now();
    return new JsonObject()
      .put("_id", Ids.newId())
      .put("chatId", chatId)
      .put("groupId", groupId)
      .put("sender", senderId)
      .put("clientMsgId", clientMsgId)
      .put("type", type)
      .put("content", content)
      .put("links", links)
      .put("attachments", attachments)
      .put("starredBy", new JsonArray())
      .put("deleted", false)
      .put("createdAt", now)
      .put("updatedAt", now)
      .put("editedAt", null);
  }

  /**
   * A page of one of the chat's collections as {@code viewer} sees it (their own stars), by seq; see
   * {@link #pageBySeq}.
   */
  public Future<JsonObject> page(String chatId, MessageCollection collection, String viewer, Long before, Long after,
                                 int limit) {
    return pageBySeq(collectionFilter(chatId, collection, viewer), before, after, limit);
  }

  private static JsonObject collectionFilter(String chatId, MessageCollection collection, String viewer) {
    JsonObject filter = new JsonObject().put("chatId", chatId);
    switch (collection) {
      case ALL -> {
        return filter;
      }
      case STARRED -> filter.put("starredBy", viewer);
      case MEDIA -> filter.put("type", new JsonObject().put("$in", new JsonArray().add("image").add("video")));
      case FILES -> filter.put("type", new JsonObject().put("$in", new JsonArray().add("file").add("audio")));
      case LINKS -> filter.put("links.0", new JsonObject().put("$exists", true));
      default -> throw new IllegalArgumentException("collection " + collection);
    }
    return filter.put("deleted", false);
  }

  /**
   * A page of the chat's messages matching {@code filter}, by seq, oldest first within the page. Without a cursor:
   * the newest; {@code before}: the newest below it; {@code after}: the oldest above it. {@code hasMore} tells
   * whether more lie further in the direction the page was read (older for before/none, newer for after).
   */
  private Future<JsonObject> pageBySeq(JsonObject filter, Long before, Long after, int limit) {
    JsonObject seq = new JsonObject();
    if (before != null) {
      seq.put("$lt", before);
    }
    if (after != null) {
      seq.put("$gt", after);
    }
    JsonObject query = filter.copy();
    if (!seq.isEmpty()) {
      query.put("seq", seq);
    }
    boolean forward = after != null && before == null;
    FindOptions options = new FindOptions().setSort(new JsonObject().put("seq", forward ? 1 : -1)).setLimit(limit + 1);
    return mongo.findWithOptions(MESSAGES, query, options).map(found -> {
      JsonObject page = Paging.page(found, limit);
      if (!forward) {
        List<Object> items = new ArrayList<>(page.getJsonArray("items").getList());
        Collections.reverse(items);
        page.put("items", new JsonArray(items));
      }
      return page;
    });
  }

  /** The sender's edit of a message that is not deleted; null when the precondition does not hold. */
  public Future<JsonObject> edit(String messageId, String senderId, String content, JsonArray links) {
    JsonObject now = Dates.now();
    return updateOwn(messageId, senderId, new JsonObject().put("$set", new JsonObject()
      .put("content", content).put("links", links).put("editedAt", now).put("updatedAt", now)));
  }

  /** Soft delete by the sender: keeps the seq, clears content, links and attachments; null when already deleted. */
  public Future<JsonObject> softDelete(String messageId, String senderId) {
    return updateOwn(messageId, senderId, new JsonObject().put("$set", new JsonObject()
      .put("deleted", true).put("content", "").put("links", new JsonArray()).put("attachments", new JsonArray())
      .put("updatedAt", Dates.now())));
  }

  private Future<JsonObject> updateOwn(String messageId, String senderId, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(MESSAGES,
      new JsonObject().put("_id", messageId).put("sender", senderId).put("deleted", false), update,
      new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /** Stars or unstars a message that is not deleted, for one user; null when it is deleted. */
  public Future<JsonObject> star(String messageId, String userId, boolean starred) {
    JsonObject update = new JsonObject().put(starred ? "$addToSet" : "$pull", new JsonObject().put("starredBy", userId));
    return mongo.findOneAndUpdateWithOptions(MESSAGES, new JsonObject().put("_id", messageId).put("deleted", false),
      update, new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /**
   * Messages of the given chats whose content contains {@code text} (case-insensitive, taken literally), newest
   * first, below the {@code beforeId} cursor. mongo-java-server has no {@code $text}: a real deployment would put a
   * text index behind this same method.
   */
  public Future<JsonObject> search(List<String> chatIds, String text, String beforeId, int limit) {
    JsonObject query = new JsonObject()
      .put("chatId", new JsonObject().put("$in", new JsonArray(chatIds)))
      .put("deleted", false)
      .put("content", new JsonObject().put("$regex", Pattern.quote(text)).put("$options", "i"));
    if (beforeId != null) {
      query.put("_id", new JsonObject().put("$lt", beforeId));
    }
    return mongo.findWithOptions(MESSAGES, query,
        new FindOptions().setSort(new JsonObject().put("_id", -1)).setLimit(limit + 1))
      .map(found -> Paging.page(found, limit));
  }
}
