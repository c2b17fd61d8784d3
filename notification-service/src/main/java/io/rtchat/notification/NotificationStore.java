package io.rtchat.notification;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.rtchat.common.NotificationTypes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import com.mongodb.MongoBulkWriteException;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every query on {@code notifications}: the seed's fields ({@code userId, type, content, relatedId, read, createdAt})
 * plus {@code chatId}, {@code senderId}, {@code count}, {@code updatedAt}, {@code digested} and {@code collapseKey}.
 * {@code collapseKey} is unique: {@code <userId>:<chatId>} for the one unread message notification of a chat, the
 * notification's own id otherwise (every read one, every other type). Marking read moves the key to the id, so the
 * next message of that chat starts a new notification. A unique key instead of a partial index because the embedded
 * mongo-java-server ignores partial filters.
 */
public class NotificationStore {

  static final String NOTIFICATIONS = "notifications";

  private final MongoClient mongo;

  public NotificationStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, NOTIFICATIONS, new JsonObject().put("collapseKey", 1))
      .compose(v -> Mongo.index(mongo, NOTIFICATIONS, new JsonObject().put("userId", 1).put("read", 1).put("_id", -1)))
      .compose(v -> Mongo.index(mongo, NOTIFICATIONS, new JsonObject().put("type", 1).put("read", 1).put("digested", 1)));
  }

  static String chatKey(String userId, String chatId) {
    return userId + ":" + chatId;
  }

  /** Stores a notification that never collapses (friend request, group invite, missed call). */
  public Future<JsonObject> insert(String userId, JsonObject event) {
    String id = Ids.newId();
    JsonObject now = Dates.now();
    JsonObject doc = fields(userId, event)
      .put("_id", id)
      .put("collapseKey", id)
      .put("read", false)
      .put("count", 1)
      .put("createdAt", now)
      .put("updatedAt", now);
    return mongo.insert(NOTIFICATIONS, doc).map(v -> doc);
  }

  /**
   * Counts a message on the chat's unread notification (one atomic upsert), then shows it if it is the newest one
   * seen (a second update conditional on the message id): notifications handled out of order still end with the
   * latest message's preview. Message ids are ObjectIds, so they order by time. Two concurrent first messages race on
   * the unique key; the loser retries once and then finds the winner's document.
   */
  public Future<JsonObject> collapseMessage(String userId, JsonObject event) {
    return upsertMessage(userId, event)
      .recover(err -> Mongo.isDuplicateKey(err) ? upsertMessage(userId, event) : Future.failedFuture(err))
      .compose(doc -> showIfNewer(doc, event));
  }

  /**
   * Applies a batch of collapsed message notifications in one ordered bulk write: per (user, chat) an upsert counting
   * its messages, then an update showing its newest message if it is newer than the one shown (conditional on the
   * message id, as {@link #collapseMessage}). Answers the touched notifications. Ordered, so when another instance
   * wins the race to create a key, every operation before the failed one is applied and none after: the rest is
   * written again from the failed one (which then finds the winner's document), so no message is counted twice.
   */
  public Future<List<JsonObject>> collapseMessages(List<MessageBatch.Collapse> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject now = Dates.now();
    List<BulkOperation> ops = new ArrayList<>(batch.size() * 2);
    for (MessageBatch.Collapse c : batch) {
      JsonObject latest = new JsonObject().put("content", c.content()).put("relatedId", c.messageId())
        .put("senderId", c.senderId());
      JsonObject set = new JsonObject().put("updatedAt", now).put("digested", null);
      JsonObject onInsert = new JsonObject().put("_id", Ids.newId()).put("userId", c.userId())
        .put("type", NotificationTypes.MESSAGE).put("chatId", c.chatId()).put("read", false).put("createdAt", now);
      if (c.messageId() == null) {
        set.mergeIn(latest);
      } else {
        onInsert.mergeIn(latest);
      }
      JsonObject key = new JsonObject().put("collapseKey", c.key());
      ops.add(BulkOperation.createUpdate(key, new JsonObject()
        .put("$inc", new JsonObject().put("count", c.count())).put("$set", set).put("$setOnInsert", onInsert), true, false));
      if (c.messageId() != null) {
        ops.add(BulkOperation.createUpdate(key.copy().put("relatedId", new JsonObject().put("$lt", c.messageId())),
          new JsonObject().put("$set", latest), false, false));
      }
    }
    List<String> keys = batch.stream().map(MessageBatch.Collapse::key).toList();
    return writeFrom(ops, 0, 2)
      .compose(v -> mongo.find(NOTIFICATIONS, new JsonObject().put("collapseKey",
        new JsonObject().put("$in", new io.vertx.core.json.JsonArray(keys)))));
  }

  private Future<Void> writeFrom(List<BulkOperation> ops, int from, int retries) {
    return mongo.bulkWriteWithOptions(NOTIFICATIONS, ops.subList(from, ops.size()), new BulkWriteOptions(true))
      .<Void>mapEmpty()
      .recover(err -> {
        int failedAt = failedIndex(err);
        if (retries > 0 && failedAt >= 0 && Mongo.isDuplicateKey(err)) {
          return writeFrom(ops, from + failedAt, retries - 1);
        }
        return Future.failedFuture(err);
      });
  }

  /** The index of the first failed operation of an ordered bulk write, or -1 when the failure does not say. */
  private static int failedIndex(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()) {
        return bulk.getWriteErrors().get(0).getIndex();
      }
    }
    return -1;
  }

  private Future<JsonObject> upsertMessage(String userId, JsonObject event) {
    JsonObject now = Dates.now();
    JsonObject latest = new JsonObject()
      .put("content", event.getString("content"))
      .put("relatedId", event.getString("relatedId"))
      .put("senderId", event.getString("senderId"));
    JsonObject set = new JsonObject().put("updatedAt", now).put("digested", null);
    JsonObject onInsert = new JsonObject()
      .put("_id", Ids.newId())
      .put("userId", userId)
      .put("type", NotificationTypes.MESSAGE)
      .put("chatId", event.getString("chatId"))
      .put("read", false)
      .put("createdAt", now);
    if (event.getString("relatedId") == null) {
      set.mergeIn(latest); // nothing to order by: the last one handled wins
    } else {
      onInsert.mergeIn(latest);
    }
    JsonObject update = new JsonObject()
      .put("$inc", new JsonObject().put("count", 1))
      .put("$set", set)
      .put("$setOnInsert", onInsert);
    return mongo.findOneAndUpdateWithOptions(NOTIFICATIONS,
      new JsonObject().put("collapseKey", chatKey(userId, event.getString("chatId"))), update,
      new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true));
  }

  private Future<JsonObject> showIfNewer(JsonObject doc, JsonObject event) {
    String relatedId = event.getString("relatedId");
    if (doc == null || relatedId == null || relatedId.equals(doc.getString("relatedId"))) {
      return Future.succeededFuture(doc);
    }
    JsonObject query = new JsonObject().put("_id", doc.getString("_id"))
      .put("relatedId", new JsonObject().put("$lt", relatedId));
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("content", event.getString("content"))
      .put("relatedId", relatedId)
      .put("senderId", event.getString("senderId")));
    return mongo.findOneAndUpdateWithOptions(NOTIFICATIONS, query, update, new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true))
      .map(newer -> newer == null ? doc : newer);
  }

  private static JsonObject fields(String userId, JsonObject event) {
    return new JsonObject()
      .put("userId", userId)
      .put("type", event.getString("type"))
      .put("content", event.getString("content"))
      .put("relatedId", event.getString("relatedId"))
      .put("chatId", event.getString("chatId"))
      .put("senderId", event.getString("senderId"))
      .put("digested", null);
  }

  /** Newest first, limit+1 (Paging tells whether more exist); ids are ObjectIds, so they sort by creation. */
  public Future<List<JsonObject>> list(String userId, boolean unreadOnly, String before, int limit) {
    JsonObject query = new JsonObject().put("userId", userId);
    if (unreadOnly) {
      query.put("read", false);
    }
    if (before != null) {
      query.put("_id", new JsonObject().put("$lt", before));
    }
    return mongo.findWithOptions(NOTIFICATIONS, query,
      new FindOptions().setSort(new JsonObject().put("_id", -1)).setLimit(limit + 1));
  }

  public Future<Long> countUnread(String userId) {
    return mongo.count(NOTIFICATIONS, new JsonObject().put("userId", userId).put("read", false));
  }

  /** Marks the notification read if it is the user's own: null when it is not (or does not exist). */
  public Future<JsonObject> markRead(String userId, String id) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("read", true).put("readAt", Dates.now()).put("collapseKey", id));
    return mongo.findOneAndUpdateWithOptions(NOTIFICATIONS, new JsonObject().put("_id", id).put("userId", userId),
      update, new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /** The ids of the user's unread notifications (read-all marks each with its own key change). */
  public Future<List<String>> unreadIds(String userId) {
    return mongo.findWithOptions(NOTIFICATIONS, new JsonObject().put("userId", userId).put("read", false),
        new FindOptions().setFields(new JsonObject().put("_id", 1)))
      .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }

  /** Marks one unread notification read; false when it was read meanwhile. */
  public Future<Boolean> markUnreadRead(String userId, String id) {
    JsonObject update = new JsonObject().put("$set", new JsonObject()
      .put("read", true).put("readAt", Dates.now()).put("collapseKey", id));
    return mongo.updateCollection(NOTIFICATIONS,
        new JsonObject().put("_id", id).put("userId", userId).put("read", false), update)
      .map(r -> r.getDocModified() == 1);
  }

  // ---- digest

  /** Users with unread message notifications not yet in a digest, updated at or before {@code upTo}. */
  public Future<List<String>> usersWithUndigested(Instant upTo) {
    return mongo.distinctWithQuery(NOTIFICATIONS, "userId", String.class.getName(), undigested(upTo))
      .map(ids -> ids.stream().map(String::valueOf).toList());
  }

  private static JsonObject undigested(Instant upTo) {
    return new JsonObject()
      .put("type", NotificationTypes.MESSAGE)
      .put("read", false)
      .put("digested", null)
      .put("updatedAt", new JsonObject().put("$lte", Dates.of(upTo)));
  }

  /**
   * Claims the user's undigested unread message notifications for one digest batch (one atomic update each, the
   * precondition in the filter), then answers the claimed ones: a notification goes into one digest only, even
   * with several notification-service instances running the job.
   */
  public Future<List<JsonObject>> claimForDigest(String userId, Instant upTo, String batchId) {
    JsonObject query = undigested(upTo).put("userId", userId);
    return mongo.updateCollectionWithOptions(NOTIFICATIONS, query,
        new JsonObject().put("$set", new JsonObject().put("digested", batchId)), new UpdateOptions().setMulti(true))
      .compose(r -> mongo.find(NOTIFICATIONS, new JsonObject().put("userId", userId).put("digested", batchId)));
  }
}
