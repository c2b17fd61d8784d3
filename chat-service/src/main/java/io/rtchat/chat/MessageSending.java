package io.rtchat.chat;

import io.rtchat.api.MediaService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.rtchat.common.Mongo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message flow: validate, answer a retry with the stored message, else take the next seq and store it (one
 * chat's sends in order on this instance, see SendQueue), deliver {@code message.new} to every participant's every
 * device, then record it on the chat (last message, the sender's read pointer) and tell the other services
 * ({@code message stored}: notification-service notifies whoever is offline).
 */
final class MessageSending {

  private static final Logger log = LoggerFactory.getLogger(MessageSending.class);
  /** How often one send re-picks its seq after losing it to a concurrent sender on another instance. */
  static final int SEQ_ATTEMPTS = 16;

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChatAccess access;
  private final ChatEvents events;
  private final MediaService media;
  private final SendQueue sendQueue;
  private final int maxMessageBytes;

  MessageSending(ChatStore chats, MessageStore messages, ChatAccess access, ChatEvents events, MediaService media,
                 SendQueue sendQueue, int maxMessageBytes) {
    this.chats = chats;
    this.messages = messages;
    this.access = access;
    this.events = events;
    this.media = media;
    this.sendQueue = sendQueue;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Answers {@code {created, message}}: created is false for a retry of a message already stored. An AI chat takes
   * questions only through AiChatService.ask (one reply in flight, the rate limit, the reply itself): 403 here.
   */
  Future<JsonObject> send(String userId, String chatId, JsonObject body) {
    return Input.checkId("chatId", chatId)
      .compose(v -> MessageInput.draft(body, maxMessageBytes))
      .compose(draft -> access.chatOf(chatId, userId).compose(chat -> ChatStore.isAiChat(chat)
        ? Errors.<JsonObject>fail(ErrorCode.AI_USE_AI_ROUTE, "Ask the assistant with POST /chats/ai/messages")
        : sendDraft(userId, chat, draft, false)));
  }

  /**
   * A text message in an AI chat from its user or the assistant ({@code {clientMsgId, content, incomplete?}}), the
   * same flow as any send; any other chat is chat.not_found.
   */
  Future<JsonObject> sendToAiChat(String senderId, String chatId, JsonObject body) {
    boolean incomplete = body != null && Boolean.TRUE.equals(body.getValue("incomplete"));
    JsonObject text = new JsonObject().put("type", "text")
      .put("clientMsgId", body == null ? null : body.getValue("clientMsgId"))
      .put("content", body == null ? null : body.getValue("content"));
    return Input.checkId("chatId", chatId)
      .compose(v -> MessageInput.draft(text, maxMessageBytes))
      .compose(draft -> access.chatOf(chatId, senderId).compose(chat -> ChatStore.isAiChat(chat)
        ? sendDraft(senderId, chat, draft, incomplete)
        : Errors.<JsonObject>fail(ErrorCode.CHAT_NOT_FOUND, "No such chat")));
  }

  private Future<JsonObject> sendDraft(String userId, JsonObject chat, MessageInput.Draft draft, boolean incomplete) {
    String chatId = chat.getString("_id");
    // A retry is recognised by the insert itself (unique chatId+clientMsgId, then looked up), so a plain send costs
    // no lookup first; one with attachments looks first, so that a retry never needs its attachments checked again.
    Future<JsonObject> earlier = draft.attachmentIds().isEmpty()
      ? Future.succeededFuture(null)
      : messages.byClientMsgId(chatId, draft.clientMsgId());
    return earlier.compose(existing -> existing != null
      ? Future.succeededFuture(new Stored(existing, false))
      : attachmentsOf(userId, chatId, draft).compose(attachments -> {
        JsonObject doc = MessageStore.newMessage(chatId, chat.getString("groupId"), userId, draft.clientMsgId(),
          draft.type(), draft.content(), draft.links(), attachments);
        if (incomplete) {
          doc.put("incomplete", true); // an AI reply that was stopped or cut short
        }
        return sendQueue.serially(chatId, () -> insertWithNextSeq(chatId, doc, 1).map(stored -> {
          if (stored.created()) {
            events.messageNew(chat, stored.doc());
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

  /**
   * Sending implies reading: the sender has read everything before their message. Recording the message moves their
   * read pointer, and the pointer is the read receipt (readBy is derived from it), so this is one chat update.
   */
  private Future<Void> afterStored(String userId, JsonObject chat, JsonObject doc) {
    long seq = doc.getLong("seq");
    long readBefore = ChatViews.readSeq(chat, userId);
    return chats.recordMessage(chat.getString("_id"), seq, MessageViews.summary(doc), userId).map(v -> {
      if (readBefore < seq - 1) {
        events.messageRead(chat, userId, seq);
      }
      events.messageStored(chat, doc);
      return null;
    });
  }
}
