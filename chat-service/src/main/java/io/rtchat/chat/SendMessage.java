package io.rtchat.chat;

import io.rtchat.chat.store.MessageStore;
import io.rtchat.api.MediaService;
import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The message flow: take the chat from memory (ChatStateCache: a plain send reads nothing from the store; a
 * non-member stops here, before their body is validated or its links parsed), validate,
 * answer a retry with the stored message, else hand the new message to the group commit (SendBatcher and
 * MessageBatchWriter): it is numbered with the chat's next gap-free {@code seq}, stored and committed together with
 * the sends around it, announced ({@code message.new}) and recorded on the chat; only then is the send acknowledged.
 * Acknowledged therefore means committed, and nobody hears of a message that is not.
 */
final class SendMessage {

  /** How often one send goes into a further batch after losing its seq to a concurrent sender on another instance. */
  static final int SEQ_ATTEMPTS = 16;

  private final ChatStateCache cache;
  private final MessageStore messages;
  private final MediaService media;
  private final SendBatcher<MessageBatchWriter.Send, MessageBatchWriter.Stored> batcher;
  private final int maxMessageBytes;

  SendMessage(ChatStateCache cache, MessageStore messages, MediaService media,
                 SendBatcher<MessageBatchWriter.Send, MessageBatchWriter.Stored> batcher, int maxMessageBytes) {
    this.cache = cache;
    this.messages = messages;
    this.media = media;
    this.batcher = batcher;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Answers {@code {created, message}}: created is false for a retry of a message already stored. */
  Future<JsonObject> send(String userId, String chatId, JsonObject body) {
    // Membership first: a stranger's body (its validation and link parsing) costs nothing and tells them nothing.
    return Input.checkId("chatId", chatId)
      .compose(v -> cache.chatFor(chatId, userId))
      .compose(chat -> chat == null
        ? ChatAccess.<JsonObject>notFound()
        : AssistantChats.isAssistantChat(chat)
          ? Errors.<JsonObject>fail(ErrorCode.AI_USE_AI_ROUTE, "Ask the assistant with POST /chats/ai/messages")
          : MessageInput.draft(body, maxMessageBytes).compose(draft -> sendDraft(userId, chat, draft, false)));
  }

  /**
   * A text message ({@code {clientMsgId, content}}) into a chat the caller already checked the sender may post in (an
   * assistant chat: AssistantChats), the same flow as any send; {@code incomplete} marks a reply stopped or cut short.
   */
  Future<JsonObject> sendText(String senderId, JsonObject chat, JsonObject body, boolean incomplete) {
    JsonObject text = new JsonObject().put("type", "text")
      .put("clientMsgId", body == null ? null : body.getValue("clientMsgId"))
      .put("content", body == null ? null : body.getValue("content"));
    return MessageInput.draft(text, maxMessageBytes).compose(draft -> sendDraft(senderId, chat, draft, incomplete));
  }

  private Future<JsonObject> sendDraft(String userId, JsonObject chat, MessageInput.Draft draft, boolean incomplete) {
    String chatId = chat.getString("_id");
    // A retry is recognised by the insert itself (unique chatId+sender+clientMsgId, then looked up), so a plain send costs
    // no lookup first; one with attachments looks first, so that a retry never needs its attachments checked again.
    Future<JsonObject> earlier = draft.attachmentIds().isEmpty()
      ? Future.succeededFuture(null)
      : messages.byClientMsgId(chatId, userId, draft.clientMsgId());
    return earlier.compose(existing -> existing != null
      ? Future.succeededFuture(new MessageBatchWriter.Stored(existing, false))
      : attachmentsOf(userId, chatId, draft).compose(attachments -> {
        JsonObject doc = MessageStore.newMessage(chatId, chat.getString("groupId"), userId, draft.clientMsgId(),
          draft.type(), draft.content(), draft.links(), attachments);
        if (incomplete) {
          doc.put("incomplete", true); // a reply that was stopped or cut short
        }
        return batcher.submit(new MessageBatchWriter.Send(chat, doc));
      }))
      .map(stored -> new JsonObject().put("created", stored.created())
        .put("message", MessageViews.message(stored.doc(), userId, chat)));
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
}
