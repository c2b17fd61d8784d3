package io.rtchat.chat;

import io.rtchat.api.MessageStored;
import io.rtchat.common.Dates;
import io.rtchat.common.NotificationTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What leaves the service of a message document. */
public final class MessageViews {

  private MessageViews() {
  }

  /**
   * A message as {@code viewer} sees it. Stars are personal: {@code starredBy} shows only whether the viewer starred
   * it (a null viewer, for events shared by everyone, sees none). {@code clientMsgId} is the sender's own id for
   * their send: only the sender sees it (others could otherwise learn and pre-empt it). Read receipts ({@code readBy}) are for everyone and
   * come from the chat's read pointers (see {@link #readBy}); without the chat (a new message's event) nobody else has
   * read it yet.
   */
  static JsonObject message(JsonObject doc, String viewer) {
    return message(doc, viewer, null);
  }

  static JsonObject message(JsonObject doc, String viewer, JsonObject chat) {
    JsonArray starredBy = doc.getJsonArray("starredBy", new JsonArray());
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("chatId", doc.getString("chatId"))
      .put("groupId", doc.getString("groupId"))
      .put("seq", doc.getLong("seq"))
      .put("clientMsgId", viewer != null && viewer.equals(doc.getString("sender")) ? doc.getString("clientMsgId") : null)
      .put("sender", doc.getString("sender"))
      .put("type", doc.getString("type"))
      .put("content", doc.getString("content"))
      .put("links", doc.getJsonArray("links", new JsonArray()))
      .put("attachments", doc.getJsonArray("attachments", new JsonArray()))
      .put("starredBy", viewer != null && starredBy.contains(viewer) ? new JsonArray().add(viewer) : new JsonArray())
      .put("readBy", readBy(chat, doc))
      .put("deleted", doc.getBoolean("deleted", false))
      .put("incomplete", doc.getBoolean("incomplete", false))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")))
      .put("editedAt", Dates.iso(doc.getValue("editedAt")));
  }

  /**
   * Who has read the message, derived rather than stored: everyone (but its sender) whose read pointer
   * {@code readSeq.<id>} reached its seq after the point they started reading from ({@code readFrom.<id>}, the chat's
   * newest seq when they joined it; absent means 0). Pointers only move forward and everything up to a pointer counts
   * as read, so this is exactly the set the per-message {@code $addToSet} used to build, at one {@code $max} per read.
   */
  static JsonArray readBy(JsonObject chat, JsonObject doc) {
    JsonArray readers = new JsonArray();
    JsonObject pointers = chat == null ? null : chat.getJsonObject("readSeq");
    if (pointers == null) {
      return readers;
    }
    long seq = doc.getLong("seq", 0L);
    String sender = doc.getString("sender");
    JsonObject from = chat.getJsonObject("readFrom", new JsonObject());
    for (String userId : pointers.fieldNames()) {
      if (!userId.equals(sender) && pointers.getLong(userId, 0L) >= seq && from.getLong(userId, 0L) < seq) {
        readers.add(userId);
      }
    }
    return readers;
  }

  /**
   * The chat's copy of its newest message ({@code lastMessage}): enough for a chat list, content cut short. Its
   * {@code seq} comes first: the chat keeps the greater of two summaries ({@code $max}), and documents compare by
   * their first field first.
   */
  public static JsonObject summary(JsonObject doc) {
    String content = doc.getString("content", "");
    return new JsonObject()
      .put("seq", doc.getLong("seq"))
      .put("id", doc.getString("_id"))
      .put("sender", doc.getString("sender"))
      .put("type", doc.getString("type"))
      .put("content", content.length() > NotificationTypes.PREVIEW_CHARS ? content.substring(0, NotificationTypes.PREVIEW_CHARS) : content)
      .put("deleted", doc.getBoolean("deleted", false))
      .put("createdAt", Dates.iso(doc.getValue("createdAt")));
  }

  /**
   * The internal {@code message stored} event: who should hear of the message (every participant but its sender)
   * and the text a notification shows (the content cut to a preview, or {@code [image]} and the like without text).
   */
  static MessageStored stored(JsonObject chat, JsonObject doc) {
    String senderId = doc.getString("sender");
    return new MessageStored()
      .setChatId(doc.getString("chatId"))
      .setGroupId(doc.getString("groupId"))
      .setMessageId(doc.getString("_id"))
      .setSeq(doc.getLong("seq", 0L))
      .setSenderId(senderId)
      .setRecipientIds(AssistantChats.people(chat).stream().filter(p -> !p.equals(senderId)).toList())
      .setType(doc.getString("type"))
      .setPreview(preview(doc))
      .setCreatedAt(Dates.iso(doc.getValue("createdAt")));
  }

  static String preview(JsonObject doc) {
    String content = doc.getString("content", "");
    if (content.isBlank()) {
      return "[" + doc.getString("type") + "]";
    }
    return content.length() > NotificationTypes.PREVIEW_CHARS ? content.substring(0, NotificationTypes.PREVIEW_CHARS) : content;
  }

  /** A page of message documents as the viewer sees them; {@code chats} hold the read pointers readBy comes from. */
  static JsonObject page(JsonObject page, String viewer, List<JsonObject> chats) {
    Map<String, JsonObject> byId = new HashMap<>();
    chats.forEach(chat -> byId.put(chat.getString("_id"), chat));
    List<Object> views = page.getJsonArray("items").stream()
      .map(doc -> (Object) message((JsonObject) doc, viewer, byId.get(((JsonObject) doc).getString("chatId")))).toList();
    return page.put("items", new JsonArray(new ArrayList<>(views)));
  }

  /** The data of {@code message.edited}. */
  static JsonObject edited(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("chatId", doc.getString("chatId"))
      .put("seq", doc.getLong("seq"))
      .put("content", doc.getString("content"))
      .put("links", doc.getJsonArray("links", new JsonArray()))
      .put("editedAt", Dates.iso(doc.getValue("editedAt")))
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }

  /** The data of {@code message.deleted}. */
  static JsonObject deleted(JsonObject doc) {
    return new JsonObject()
      .put("id", doc.getString("_id"))
      .put("chatId", doc.getString("chatId"))
      .put("seq", doc.getLong("seq"))
      .put("deleted", true)
      .put("updatedAt", Dates.iso(doc.getValue("updatedAt")));
  }
}
