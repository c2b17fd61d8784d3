package io.rtchat.chat;

import io.rtchat.api.AiChatService;
import io.rtchat.api.AuthService;
import io.rtchat.api.ChatService;
import io.rtchat.api.GroupService;
import io.rtchat.api.MediaService;
import io.rtchat.api.NotificationService;
import io.rtchat.common.Config;
import io.rtchat.common.Dates;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Ids;
import io.rtchat.common.Inbox;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.rtchat.common.Paging;
import io.rtchat.common.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The rules of the chat service. */
public class ChatServiceImpl implements ChatService {

  private static final Logger log = LoggerFactory.getLogger(ChatServiceImpl.class);
  /** How often one send re-picks its seq after losing it to a concurrent sender on another instance. */
  private static final int SEQ_ATTEMPTS = 16;
  private static final int MAX_SEARCHED_CHATS = 1_000;
  private static final List<String> COLLECTIONS = List.of("starred", "media", "links", "files");

  private final Vertx vertx;
  private final MongoClient mongo;
  private final ChatStore store;
  private final MessageStore messages;
  private final GroupService groups;
  private final AuthService auth;
  private final MediaService media;
  private final NotificationService notifications;
  private final int maxMessageBytes;
  private final SendQueue sendQueue = new SendQueue();
  private final TypingThrottle typingThrottle = new TypingThrottle();

  public ChatServiceImpl(Vertx vertx, MongoClient mongo, Config config) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.store = new ChatStore(mongo);
    this.messages = new MessageStore(mongo);
    this.groups = GroupService.createProxy(vertx);
    this.auth = AuthService.createProxy(vertx);
    this.media = MediaService.createProxy(vertx);
    this.notifications = NotificationService.createProxy(vertx);
    this.maxMessageBytes = config.getInt(Setting.MESSAGE_MAX_BYTES);
  }

  public Future<Void> createIndexes() {
    return store.createIndexes().compose(v -> messages.createIndexes());
  }

  @Override
  public Future<JsonObject> createGroupChat(String groupId, String name, List<String> participantIds) {
    return store.upsertGroupChat(groupId, name, participantIds).map(doc -> {
      JsonObject chat = ChatViews.chat(doc);
      Inbox.publish(vertx.eventBus(), participantsOf(doc), EventTypes.CHAT_CREATED, chat);
      return chat;
    });
  }

  @Override
  public Future<Void> addGroupChatParticipant(String groupId, String userId) {
    // A new member starts with nothing unread: their read pointer starts at the chat's newest message ($max: a
    // message sent meanwhile can only leave it lower, never lose one).
    return store.updateGroupChat(groupId, new JsonObject().put("$addToSet", new JsonObject().put("participants", userId)))
      .compose(doc -> doc == null
        ? announceChange(null, userId)
        : store.startReading(doc.getString("_id"), userId, doc.getLong("lastSeq", 0L)).compose(before -> announceChange(doc, userId)));
  }

  @Override
  public Future<Void> removeGroupChatParticipant(String groupId, String userId) {
    // When the group's chat is already gone (the last members leaving at once), nobody is left in it: done.
    return store.updateGroupChat(groupId, new JsonObject().put("$pull", new JsonObject().put("participants", userId)))
      .compose(doc -> doc == null ? Future.succeededFuture() : announceChange(doc, userId));
  }

  @Override
  public Future<Void> renameGroupChat(String groupId, String name) {
    return store.updateGroupChat(groupId, new JsonObject().put("$set", new JsonObject().put("name", name)))
      .compose(doc -> announceChange(doc, null));
  }

  @Override
  public Future<Void> deleteGroupChat(String groupId) {
    return store.byGroup(groupId).compose(doc -> doc == null
      ? Future.succeededFuture()
      : store.deleteChat(doc.getString("_id")));
  }

  /** Tells every participant (and a member who just left) that the chat changed. */
  private Future<Void> announceChange(JsonObject doc, String alsoTell) {
    if (doc == null) {
      return Errors.fail(ErrorCode.CHAT_NOT_FOUND, "The group has no chat");
    }
    Set<String> audience = new LinkedHashSet<>(participantsOf(doc));
    if (alsoTell != null) {
      audience.add(alsoTell);
    }
    Inbox.publish(vertx.eventBus(), audience, EventTypes.CHAT_UPDATED, ChatViews.chat(doc));
    return Future.succeededFuture();
  }

  private static List<String> participantsOf(JsonObject doc) {
    return doc.getJsonArray("participants", new JsonArray()).stream().map(String::valueOf).toList();
  }

  @Override
  public Future<Boolean> isParticipant(String chatId, String userId) {
    if (!Ids.isValid(chatId) || !Ids.isValid(userId)) {
      return Future.succeededFuture(false);
    }
    return store.isParticipant(chatId, userId);
  }

  @Override
  public Future<JsonArray> chatPartnerIds(String userId) {
    return store.participantsOfChatsOf(userId).map(chats -> {
      Set<String> partners = new LinkedHashSet<>();
      chats.forEach(chat -> partners.addAll(participantsOf(chat)));
      partners.remove(userId);
      return new JsonArray(List.copyOf(partners));
    });
  }

  @Override
  public Future<Void> ready() {
    return Mongo.ping(mongo);
  }

  // ---- chats, as their participants see them

  @Override
  public Future<JsonObject> openDirectChat(String userId, JsonObject body) {
    Input in = Input.of(body);
    String otherId = in.requiredId("participantId");
    if (userId.equals(otherId)) {
      in.problem("participantId", "must be someone else");
    }
    if (in.invalid()) {
      return in.failure();
    }
    return groups.areFriends(userId, otherId)
      .compose(friends -> friends
        ? store.upsertDirectChat(userId, otherId)
        : Errors.<JsonObject>fail(ErrorCode.CHAT_NOT_FRIEND, "One-to-one chats are between friends"))
      .map(result -> {
        JsonObject doc = result.getJsonObject("chat");
        boolean created = result.getBoolean("created");
        if (created) {
          participantsOf(doc).forEach(p -> Inbox.publish(vertx.eventBus(), p, EventTypes.CHAT_CREATED, ChatViews.chatFor(doc, p)));
        }
        return new JsonObject().put("created", created).put("chat", ChatViews.chatFor(doc, userId));
      });
  }

  @Override
  public Future<JsonObject> listChats(String userId, JsonObject query) {
    Input in = Input.of(query);
    String before = in.optionalString("before", 1, 64);
    int limit = limitOf(in);
    Instant beforeTime = null;
    if (before != null) {
      try {
        beforeTime = Instant.parse(before);
      } catch (DateTimeParseException e) {
        in.problem("before", "must be an ISO-8601 time (a chat's updatedAt)");
      }
    }
    if (in.invalid()) {
      return in.failure();
    }
    // Pinned chats all come on the first page; later pages continue through the unpinned ones by last activity.
    Future<List<JsonObject>> pinned = beforeTime == null
      ? store.chatsOf(userId, true, null, Paging.MAX_LIMIT)
      : Future.succeededFuture(List.of());
    JsonObject cursor = beforeTime == null ? null : Dates.of(beforeTime);
    return pinned.compose(pins -> store.chatsOf(userId, false, cursor, limit + 1).map(others -> {
      List<JsonObject> items = new ArrayList<>();
      pins.forEach(doc -> items.add(ChatViews.chatFor(doc, userId)));
      others.stream().limit(limit).forEach(doc -> items.add(ChatViews.chatFor(doc, userId)));
      return new JsonObject().put("items", new JsonArray(items)).put("hasMore", others.size() > limit);
    }));
  }

  @Override
  public Future<JsonObject> searchChats(String userId, JsonObject query) {
    Input in = Input.of(query);
    String q = in.requiredString("q", 1, 100);
    int limit = limitOf(in);
    if (in.invalid()) {
      return in.failure();
    }
    String needle = q.toLowerCase(Locale.ROOT);
    return store.recentChatsOf(userId, MAX_SEARCHED_CHATS).compose(chats -> {
      List<String> others = chats.stream().filter(c -> !c.getBoolean("isGroup", false))
        .flatMap(c -> participantsOf(c).stream()).filter(p -> !p.equals(userId)).distinct().toList();
      Future<JsonArray> profiles = others.isEmpty() ? Future.succeededFuture(new JsonArray()) : auth.getProfiles(others);
      return profiles.map(found -> {
        Map<String, String> names = new HashMap<>();
        found.stream().map(JsonObject.class::cast).forEach(p -> names.put(p.getString("id"), String.join(" ",
          p.getString("username", ""), p.getString("firstName", ""), p.getString("lastName", ""),
          p.getString("firstName", "") + " " + p.getString("lastName", "")).toLowerCase(Locale.ROOT)));
        List<JsonObject> matches = chats.stream().filter(c -> {
          String haystack = c.getBoolean("isGroup", false)
            ? String.valueOf(c.getString("name")).toLowerCase(Locale.ROOT)
            : participantsOf(c).stream().filter(p -> !p.equals(userId)).map(p -> names.getOrDefault(p, ""))
              .reduce("", String::concat);
          return haystack.contains(needle);
        }).map(c -> ChatViews.chatFor(c, userId))
          .sorted(Comparator.comparing((JsonObject c) -> !c.getBoolean("pinned")))
          .toList();
        return Paging.page(matches.size() > limit + 1 ? matches.subList(0, limit + 1) : matches, limit);
      });
    });
  }

  @Override
  public Future<JsonObject> getChat(String userId, String chatId) {
    return Input.checkId("chatId", chatId).compose(v -> chatOf(chatId, userId)).map(doc -> ChatViews.chatFor(doc, userId));
  }

  @Override
  public Future<JsonObject> pinChat(String userId, String chatId, boolean pinned) {
    return Input.checkId("chatId", chatId)
      .compose(v -> store.setPinned(chatId, userId, pinned))
      .compose(doc -> doc == null ? notFound() : Future.succeededFuture(doc))
      .map(doc -> {
        JsonObject chat = ChatViews.chatFor(doc, userId);
        Inbox.publish(vertx.eventBus(), userId, EventTypes.CHAT_UPDATED, chat); // pins are personal: my devices only
        return chat;
      });
  }

  // ---- messages

  @Override
  public Future<JsonObject> listMessages(String userId, String chatId, JsonObject query) {
    return chatCollection(userId, chatId, "all", query);
  }

  @Override
  public Future<JsonObject> chatCollection(String userId, String chatId, String kind, JsonObject query) {
    JsonObject filter = new JsonObject().put("chatId", chatId);
    switch (kind) {
      case "all" -> { }
      case "starred" -> filter.put("starredBy", userId).put("deleted", false);
      case "media" -> filter.put("type", new JsonObject().put("$in", new JsonArray().add("image").add("video"))).put("deleted", false);
      case "files" -> filter.put("type", new JsonObject().put("$in", new JsonArray().add("file").add("audio"))).put("deleted", false);
      case "links" -> filter.put("links.0", new JsonObject().put("$exists", true)).put("deleted", false);
      default -> {
        return Errors.fail(ErrorCode.NOT_FOUND, "No such collection; one of " + COLLECTIONS);
      }
    }
    Input in = Input.of(query);
    Long before = in.optionalLong("before", 1, Long.MAX_VALUE);
    Long after = in.optionalLong("after", 0, Long.MAX_VALUE);
    int limit = limitOf(in);
    if (in.invalid()) {
      return in.failure();
    }
    return Input.checkId("chatId", chatId)
      .compose(v -> chatOf(chatId, userId))
      .compose(chat -> messages.pageBySeq(filter, before, after, limit).map(page -> viewsOf(page, userId, List.of(chat))));
  }

  @Override
  public Future<JsonObject> sendMessage(String userId, String chatId, JsonObject body) {
    // An AI chat takes questions only through AiChatService.ask (one reply in flight, rate limit, the reply itself).
    return Input.checkId("chatId", chatId)
      .compose(v -> MessageInput.draft(body, maxMessageBytes))
      .compose(draft -> chatOf(chatId, userId).compose(chat -> ChatStore.isAiChat(chat)
        ? Errors.<JsonObject>fail(ErrorCode.AI_USE_AI_ROUTE, "Ask the assistant with POST /chats/ai/messages")
        : send(userId, chat, draft, false)));
  }

  @Override
  public Future<JsonObject> sendAiChatMessage(String senderId, String chatId, JsonObject body) {
    boolean incomplete = body != null && Boolean.TRUE.equals(body.getValue("incomplete"));
    JsonObject text = new JsonObject().put("type", "text")
      .put("clientMsgId", body == null ? null : body.getValue("clientMsgId"))
      .put("content", body == null ? null : body.getValue("content"));
    return Input.checkId("chatId", chatId)
      .compose(v -> MessageInput.draft(text, maxMessageBytes))
      .compose(draft -> chatOf(chatId, senderId).compose(chat -> ChatStore.isAiChat(chat)
        ? send(senderId, chat, draft, incomplete)
        : notFound()));
  }

  /**
   * The message flow: answer a retry with the stored message; else take the next seq and store (one chat's sends
   * in order on this instance), deliver {@code message.new} to every participant's every device, then record it on
   * the chat (last message, my read pointer) and tell notification-service.
   */
  private Future<JsonObject> send(String userId, JsonObject chat, MessageInput.Draft draft, boolean incomplete) {
    String chatId = chat.getString("_id");
    // A retry is recognised by the insert itself (unique chatId+clientMsgId, then looked up), so a plain send costs
    // no lookup first; one with attachments looks first, so that a retry never needs its attachments checked again.
    Future<JsonObject> earlier = draft.attachmentIds().isEmpty()
      ? Future.succeededFuture(null)
      : messages.byClientMsgId(chatId, draft.clientMsgId());
    return earlier.compose(existing -> existing != null
      ? Future.succeededFuture(new Stored(existing, false))
      : attachmentsOf(userId, chatId, draft).compose(attachments -> {
        JsonObject doc = newMessage(userId, chat, draft, attachments);
        if (incomplete) {
          doc.put("incomplete", true); // an AI reply that was stopped or cut short
        }
        return sendQueue.serially(chatId, () -> insertWithNextSeq(chatId, doc, 1).map(stored -> {
          if (stored.created()) {
            Inbox.publish(vertx.eventBus(), participantsOf(chat), EventTypes.MESSAGE_NEW, MessageViews.message(stored.doc(), null));
          }
          return stored;
        }));
      }))
      .compose(stored -> {
        if (!userId.equals(stored.doc().getString("sender"))) {
          return Errors.fail(ErrorCode.VALIDATION, "clientMsgId is already used in this chat",
            new JsonObject().put("clientMsgId", "is already used by another message in this chat"));
        }
        Future<Void> recorded = stored.created() ? afterStored(userId, chat, stored.doc()) : Future.succeededFuture();
        return recorded.map(v -> new JsonObject().put("created", stored.created())
          .put("message", MessageViews.message(stored.doc(), userId, chat)));
      });
  }

  private record Stored(JsonObject doc, boolean created) {
  }

  /**
   * Stores the message under the next free seq. The unique {@code chatId+seq} index decides: a number is taken only
   * by a stored message, so a failed or retried send never leaves a gap (an {@code $inc} counter would). On a
   * duplicate key either this very clientMsgId was stored meanwhile (a retry race: answer that message) or another
   * instance took the seq (re-read the highest seq and try the next).
   */
  private Future<Stored> insertWithNextSeq(String chatId, JsonObject doc, int attempt) {
    Long hint = sendQueue.hint(chatId);
    Future<Long> last = hint != null ? Future.succeededFuture(hint) : messages.maxSeq(chatId);
    return last.compose(lastSeq -> {
      long seq = lastSeq + 1;
      JsonObject withSeq = doc.copy().put("seq", seq);
      return messages.insert(withSeq)
        .map(v -> {
          sendQueue.stored(chatId, seq);
          return new Stored(withSeq, true);
        })
        .recover(err -> {
          if (!Mongo.isDuplicateKey(err)) {
            return Future.failedFuture(err);
          }
          return messages.byClientMsgId(chatId, doc.getString("clientMsgId")).compose(existing -> {
            if (existing != null) {
              return Future.succeededFuture(new Stored(existing, false));
            }
            sendQueue.distrust(chatId);
            if (attempt >= SEQ_ATTEMPTS) {
              log.warn("send gave up chatId={} attempts={}", chatId, attempt);
              return Errors.fail(ErrorCode.UNAVAILABLE, "The chat is too busy right now; send again");
            }
            return insertWithNextSeq(chatId, doc, attempt + 1);
          });
        });
    });
  }

  /**
   * The attachments' metadata from media-service (ready, uploaded by the sender for this chat). An image, video or
   * audio message carries only media of its kind, so the chat's collections hold what they say; a file message may
   * carry any kind (a document is whatever was sent as one).
   */
  private Future<JsonArray> attachmentsOf(String userId, String chatId, MessageInput.Draft draft) {
    if (draft.attachmentIds().isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    return media.attachmentsFor(userId, chatId, draft.attachmentIds()).compose(attachments -> {
      boolean fits = "file".equals(draft.type()) || attachments.stream()
        .allMatch(a -> a instanceof JsonObject m && draft.type().equals(m.getString("type")));
      return fits ? Future.succeededFuture(attachments)
        : Errors.fail(ErrorCode.ATTACHMENT_INVALID, "A " + draft.type() + " message carries " + draft.type() + " attachments only");
    });
  }

  private static JsonObject newMessage(String userId, JsonObject chat, MessageInput.Draft draft, JsonArray attachments) {
    JsonObject now = Dates.now();
    return new JsonObject()
      .put("_id", Ids.newId())
      .put("chatId", chat.getString("_id"))
      .put("groupId", chat.getString("groupId"))
      .put("sender", userId)
      .put("clientMsgId", draft.clientMsgId())
      .put("type", draft.type())
      .put("content", draft.content())
      .put("links", draft.links())
      .put("attachments", attachments)
      .put("starredBy", new JsonArray())
      .put("deleted", false)
      .put("createdAt", now)
      .put("updatedAt", now)
      .put("editedAt", null);
  }

  /**
   * Sending implies reading: the sender has read everything before their message. Recording the message moves their
   * read pointer, and the pointer is the read receipt (readBy is derived from it), so this is one chat update.
   */
  private Future<Void> afterStored(String userId, JsonObject chat, JsonObject doc) {
    String chatId = chat.getString("_id");
    long seq = doc.getLong("seq");
    long readBefore = ChatViews.readSeq(chat, userId);
    return store.recordMessage(chatId, seq, MessageViews.summary(doc), userId).map(v -> {
      if (readBefore < seq - 1) {
        Inbox.publish(vertx.eventBus(), participantsOf(chat), EventTypes.MESSAGE_READ, readEvent(chatId, userId, seq));
      }
      // The AI assistant is a participant but no user: nothing to notify.
      List<String> others = participantsOf(chat).stream()
        .filter(p -> !p.equals(userId) && !AiChatService.ASSISTANT_ID.equals(p)).toList();
      if (!others.isEmpty()) {
        JsonObject event = new JsonObject().put("type", "message").put("content", notificationText(doc))
          .put("relatedId", doc.getString("_id")).put("chatId", chatId).put("senderId", userId);
        notifications.notifyUsers(others, event)
          .onFailure(err -> log.debug("notify failed chatId={} error={}", chatId, err.getMessage()));
      }
      return null;
    });
  }

  private static String notificationText(JsonObject doc) {
    String content = doc.getString("content", "");
    if (content.isBlank()) {
      return "[" + doc.getString("type") + "]";
    }
    return content.length() > MessageViews.PREVIEW_CHARS ? content.substring(0, MessageViews.PREVIEW_CHARS) : content;
  }

  private static JsonObject readEvent(String chatId, String userId, long seq) {
    return new JsonObject().put("chatId", chatId).put("userId", userId).put("seq", seq);
  }

  @Override
  public Future<JsonObject> markRead(String userId, String chatId, JsonObject body) {
    Input in = Input.of(body);
    Long seq = in.requiredLong("seq", 0, Long.MAX_VALUE);
    if (in.invalid()) {
      return in.failure();
    }
    return Input.checkId("chatId", chatId).compose(v -> chatOf(chatId, userId)).compose(chat -> {
      long lastSeq = chat.getLong("lastSeq", 0L);
      // lastSeq is recorded just after a message is delivered live: ask the messages when the client is ahead of it.
      Future<Long> upTo = seq <= lastSeq ? Future.succeededFuture(seq) : messages.maxSeq(chatId).map(max -> Math.min(seq, max));
      return upTo.compose(n -> {
        long old = ChatViews.readSeq(chat, userId);
        if (n <= old) {
          return Future.succeededFuture(readState(chatId, old, Math.max(lastSeq, n)));
        }
        // One $max on the pointer: readBy of the messages up to it is derived from it.
        return store.advanceRead(chatId, userId, n)
          .compose(before -> before == null ? notFound() : Future.succeededFuture(before))
          .map(before -> {
            Inbox.publish(vertx.eventBus(), participantsOf(before), EventTypes.MESSAGE_READ, readEvent(chatId, userId, n));
            return readState(chatId, Math.max(n, ChatViews.readSeq(before, userId)), Math.max(before.getLong("lastSeq", 0L), n));
          });
      });
    });
  }

  private static JsonObject readState(String chatId, long readSeq, long lastSeq) {
    return new JsonObject().put("chatId", chatId).put("readSeq", readSeq).put("unreadCount", Math.max(0L, lastSeq - readSeq));
  }

  @Override
  public Future<Void> typing(String userId, String chatId) {
    long now = System.currentTimeMillis();
    if (typingThrottle.recentlySent(userId, chatId, now)) {
      return Future.succeededFuture(); // only ever recorded for a participant, so this reveals nothing
    }
    return Input.checkId("chatId", chatId).compose(v -> chatOf(chatId, userId)).map(chat -> {
      typingThrottle.sent(userId, chatId, now);
      List<String> others = participantsOf(chat).stream().filter(p -> !p.equals(userId)).toList();
      Inbox.publish(vertx.eventBus(), others, EventTypes.CHAT_TYPING, new JsonObject().put("chatId", chatId).put("userId", userId));
      return null;
    });
  }

  @Override
  public Future<JsonObject> editMessage(String userId, String messageId, JsonObject body) {
    return ownMessage(userId, messageId).compose(found -> {
      if (found.message().getBoolean("deleted", false)) {
        return Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted");
      }
      return MessageInput.editedContent(body, found.message().getString("type"), maxMessageBytes)
        .compose(content -> messages.edit(messageId, userId, content, Links.in(content)))
        .compose(doc -> doc == null ? Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted")
          : store.refreshLastMessage(doc.getString("chatId"), messageId, MessageViews.summary(doc)).map(doc))
        .map(doc -> {
          Inbox.publish(vertx.eventBus(), participantsOf(found.chat()), EventTypes.MESSAGE_EDITED, MessageViews.edited(doc));
          return MessageViews.message(doc, userId, found.chat());
        });
    });
  }

  @Override
  public Future<Void> deleteMessage(String userId, String messageId) {
    return ownMessage(userId, messageId).compose(found -> {
      if (found.message().getBoolean("deleted", false)) {
        return Future.succeededFuture(); // deleting twice changes nothing
      }
      return messages.softDelete(messageId, userId).compose(doc -> doc == null
        ? Future.<Void>succeededFuture()
        : store.refreshLastMessage(doc.getString("chatId"), messageId, MessageViews.summary(doc)).onSuccess(v ->
          Inbox.publish(vertx.eventBus(), participantsOf(found.chat()), EventTypes.MESSAGE_DELETED, MessageViews.deleted(doc))));
    });
  }

  @Override
  public Future<JsonObject> starMessage(String userId, String messageId, boolean starred) {
    return visibleMessage(userId, messageId).compose(found -> messages.star(messageId, userId, starred)
      .compose(doc -> doc == null
        ? Errors.<JsonObject>fail(ErrorCode.MESSAGE_DELETED, "The message was deleted")
        : Future.succeededFuture(MessageViews.message(doc, userId, found.chat()))));
  }

  @Override
  public Future<JsonObject> searchMessages(String userId, JsonObject query) {
    Input in = Input.of(query);
    String q = in.requiredString("q", 1, 200);
    String chatId = in.optionalId("chatId");
    String before = in.optionalId("before");
    int limit = limitOf(in);
    if (in.invalid()) {
      return in.failure();
    }
    Future<List<JsonObject>> searched = chatId != null
      ? chatOf(chatId, userId).map(List::of)
      : store.recentChatsOf(userId, MAX_SEARCHED_CHATS);
    return searched.compose(chats -> chats.isEmpty()
        ? Future.succeededFuture(Paging.page(List.of(), limit))
        : messages.search(chats.stream().map(c -> c.getString("_id")).toList(), q, before, limit)
          .map(page -> viewsOf(page, userId, chats)));
  }

  // ---- helpers

  private record MessageInChat(JsonObject message, JsonObject chat) {
  }

  /** A message in one of the user's chats; message.not_found otherwise (never telling which). */
  private Future<MessageInChat> visibleMessage(String userId, String messageId) {
    return Input.checkId("messageId", messageId)
      .compose(v -> messages.byId(messageId))
      .compose(message -> message == null ? Future.succeededFuture(null) : store.byIdFor(message.getString("chatId"), userId)
        .map(chat -> chat == null ? null : new MessageInChat(message, chat)))
      .compose(found -> found == null ? Errors.fail(ErrorCode.MESSAGE_NOT_FOUND, "No such message") : Future.succeededFuture(found));
  }

  /** A message the user sent, in one of their chats. */
  private Future<MessageInChat> ownMessage(String userId, String messageId) {
    return visibleMessage(userId, messageId).compose(found -> userId.equals(found.message().getString("sender"))
      ? Future.succeededFuture(found)
      : Errors.fail(ErrorCode.MESSAGE_NOT_SENDER, "Only the sender may change a message"));
  }

  private Future<JsonObject> chatOf(String chatId, String userId) {
    return store.byIdFor(chatId, userId).compose(doc -> doc == null ? notFound() : Future.succeededFuture(doc));
  }

  private static <T> Future<T> notFound() {
    return Errors.fail(ErrorCode.CHAT_NOT_FOUND, "No such chat");
  }

  private static int limitOf(Input in) {
    Long limit = in.optionalLong("limit", Integer.MIN_VALUE, Integer.MAX_VALUE);
    return Paging.limit(limit == null ? null : limit.intValue());
  }

  /** The page's messages as the viewer sees them; {@code chats} hold the read pointers their readBy comes from. */
  private static JsonObject viewsOf(JsonObject page, String viewer, List<JsonObject> chats) {
    Map<String, JsonObject> byId = new HashMap<>();
    chats.forEach(chat -> byId.put(chat.getString("_id"), chat));
    List<Object> views = page.getJsonArray("items").stream()
      .map(doc -> (Object) MessageViews.message((JsonObject) doc, viewer, byId.get(((JsonObject) doc).getString("chatId")))).toList();
    return page.put("items", new JsonArray(new ArrayList<>(views)));
  }
}

