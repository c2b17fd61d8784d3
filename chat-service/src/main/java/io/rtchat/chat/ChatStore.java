package io.rtchat.chat;

import io.rtchat.common.Dates;
import io.rtchat.common.Ids;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

import java.util.List;

/**
 * Every query on {@code chats}. A chat document keeps the seed's fields ({@code isGroup, name, participants, groupId,
 * lastMessage, pinnedBy, createdAt, updatedAt}) plus {@code key}, unique: {@code direct:<a>:<b>} (sorted ids) for a 1:1
 * chat, {@code group:<groupId>} for a group's chat, so each exists once even under concurrent creation. Messages are
 * never embedded (see MessageStore): a busy chat would outgrow MongoDB's 16 MB document limit.
 */
public class ChatStore {

  static final String CHATS = "chats";
  static final String MESSAGES = "messages";

  private final MongoClient mongo;

  public ChatStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Mongo.uniqueIndex(mongo, CHATS, new JsonObject().put("key", 1))
      .compose(v -> Mongo.index(mongo, CHATS, new JsonObject().put("participants", 1).put("updatedAt", -1)))
      .compose(v -> Mongo.index(mongo, CHATS, new JsonObject().put("groupId", 1)));
  }

  public static String groupKey(String groupId) {
    return "group:" + groupId;
  }

  /** Inserts the group's chat unless it exists, and answers it either way. */
  public Future<JsonObject> upsertGroupChat(String groupId, String name, List<String> participantIds) {
    JsonObject now = Dates.now();
    JsonObject onInsert = new JsonObject()
      .put("_id", Ids.newId())
      .put("isGroup", true)
      .put("name", name)
      .put("participants", new JsonArray(participantIds))
      .put("groupId", groupId)
      .put("lastMessage", null)
      .put("lastSeq", 0L)
      .put("pinnedBy", new JsonArray())
      .put("createdAt", now)
      .put("updatedAt", now);
    return mongo.updateCollectionWithOptions(CHATS, new JsonObject().put("key", groupKey(groupId)),
        new JsonObject().put("$setOnInsert", onInsert), new UpdateOptions().setUpsert(true))
      .recover(err -> Mongo.isDuplicateKey(err) ? Future.succeededFuture() : Future.failedFuture(err))
      .compose(v -> byGroup(groupId));
  }

  public Future<JsonObject> byGroup(String groupId) {
    return mongo.findOne(CHATS, new JsonObject().put("key", groupKey(groupId)), null);
  }

  public Future<JsonObject> byId(String chatId) {
    return mongo.findOne(CHATS, new JsonObject().put("_id", chatId), null);
  }

  /** Applies an update to the group's chat and answers the chat after it (null when the group has no chat). */
  public Future<JsonObject> updateGroupChat(String groupId, JsonObject update) {
    JsonObject withTime = update.copy();
    withTime.put("$set", withTime.getJsonObject("$set", new JsonObject()).put("updatedAt", Dates.now()));
    return mongo.findOneAndUpdateWithOptions(CHATS, new JsonObject().put("key", groupKey(groupId)), withTime,
      new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  public Future<Void> deleteChat(String chatId) {
    return mongo.removeDocuments(MESSAGES, new JsonObject().put("chatId", chatId))
      .compose(v -> mongo.removeDocument(CHATS, new JsonObject().put("_id", chatId)))
      .mapEmpty();
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
