package io.rtchat.chat;

import io.rtchat.api.MediaReleased;
import io.rtchat.api.MessageStored;
import io.rtchat.common.Addresses;
import io.rtchat.common.EventTypes;
import io.rtchat.common.Inbox;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything chat-service tells others without waiting for an answer, in one place: the live events it publishes to
 * users' inboxes ({@code chat.created}, {@code chat.updated}, {@code chat.typing}, {@code message.new},
 * {@code message.edited}, {@code message.deleted}, {@code message.read}; their shapes are ChatViews' and
 * MessageViews') and the internal {@link Addresses#CHAT_MESSAGE_STORED} event other services act on. Inbox events
 * go to every device of every affected user ({@code publish}); who is affected is decided here.
 */
public final class ChatEvents {

  private final EventBus bus;

  ChatEvents(EventBus bus) {
    this.bus = bus;
  }

  /** {@code chat.created} for a group's chat: every member sees the same chat. */
  public void groupChatCreated(JsonObject chat) {
    chatStateChanged(chat.getString("_id"));
    Inbox.publish(bus, ChatViews.participants(chat), EventTypes.CHAT_CREATED, ChatViews.shared(chat));
  }

  /** {@code chat.created} for a new 1:1 chat: each of the two sees it as theirs (their pin, their unread count). */
  void directChatCreated(JsonObject chat) {
    chatStateChanged(chat.getString("_id"));
    ChatViews.participants(chat).forEach(p -> Inbox.publish(bus, p, EventTypes.CHAT_CREATED, ChatViews.chatFor(chat, p)));
  }

  /** {@code chat.created} for a chat of the user's own (their assistant chat): only the user has devices to tell. */
  void ownChatCreated(JsonObject chat, String userId) {
    chatStateChanged(chat.getString("_id"));
    Inbox.publish(bus, userId, EventTypes.CHAT_CREATED, ChatViews.chatFor(chat, userId));
  }

  /**
   * {@code chat.updated} to every participant, and to {@code alsoTell} (a member who just left, whose client then
   * drops the chat; null for nobody else).
   */
  public void chatChanged(JsonObject chat, String alsoTell) {
    chatStateChanged(chat.getString("_id"));
    Set<String> audience = new LinkedHashSet<>(ChatViews.participants(chat));
    if (alsoTell != null) {
      audience.add(alsoTell);
    }
    Inbox.publish(bus, audience, EventTypes.CHAT_UPDATED, ChatViews.shared(chat));
  }

  /** {@code chat.updated} after a group chat's participants changed: to them and to the members who left. */
  public void membersChanged(JsonObject chat, Collection<String> left) {
    chatStateChanged(chat.getString("_id"));
    Set<String> audience = new LinkedHashSet<>(ChatViews.participants(chat));
    audience.addAll(left);
    Inbox.publish(bus, audience, EventTypes.CHAT_UPDATED, ChatViews.shared(chat));
  }

  /** {@code chat.updated} after a pin: pins are personal, so only the user's own devices hear of it. */
  void pinChanged(String userId, JsonObject chatView) {
    Inbox.publish(bus, userId, EventTypes.CHAT_UPDATED, chatView);
  }

  /**
   * {@code message.new} to every participant, the sender's other devices included: the sender's devices see their
   * clientMsgId (to match their pending send), the others not. It is also the sender's read receipt: sending implies
   * reading, so no {@code message.read} follows a send.
   */
  void messageNew(JsonObject chat, JsonObject message) {
    String sender = message.getString("sender");
    List<String> participants = ChatViews.participants(chat);
    List<String> others = participants.stream().filter(p -> !p.equals(sender)).toList();
    // A new message has no stars and no readers yet, so the sender's view is the shared one plus the clientMsgId.
    JsonObject shared = MessageViews.message(message, null);
    if (others.size() < participants.size()) {
      Inbox.publish(bus, List.of(sender), EventTypes.MESSAGE_NEW, shared.copy().put("clientMsgId", message.getString("clientMsgId")));
    }
    Inbox.publish(bus, others, EventTypes.MESSAGE_NEW, shared);
  }

  /** {@code message.read}: the reader's pointer in the chat moved to {@code seq} (the read receipt). */
  void messageRead(JsonObject chat, String readerId, long seq) {
    Inbox.publish(bus, ChatViews.participants(chat), EventTypes.MESSAGE_READ,
      new JsonObject().put("chatId", chat.getString("_id")).put("userId", readerId).put("seq", seq));
  }

  void messageEdited(JsonObject chat, JsonObject message) {
    Inbox.publish(bus, ChatViews.participants(chat), EventTypes.MESSAGE_EDITED, MessageViews.edited(message));
  }

  void messageDeleted(JsonObject chat, JsonObject message) {
    Inbox.publish(bus, ChatViews.participants(chat), EventTypes.MESSAGE_DELETED, MessageViews.deleted(message));
  }

  /** {@code chat.typing} to the others in the chat (the typist knows). */
  void typing(JsonObject chat, String userId) {
    List<String> others = ChatViews.participants(chat).stream().filter(p -> !p.equals(userId)).toList();
    Inbox.publish(bus, others, EventTypes.CHAT_TYPING, new JsonObject().put("chatId", chat.getString("_id")).put("userId", userId));
  }

  /**
   * The chat's membership, name or existence changed: every chat-service instance drops its in-memory copy
   * (ChatStateCache), so that no send goes by an old list of participants. Published: every instance must hear it.
   */
  public void chatStateChanged(String chatId) {
    bus.publish(Addresses.CHAT_STATE_CHANGED, new JsonObject().put("chatId", chatId));
  }

  /**
   * A message was stored: notification-service turns it into notifications for the recipients who are offline.
   * {@code send}, not {@code publish}: it is work to be done once, and every notification-service instance
   * consumes this address, so a publish would store one notification per instance. The event bus hands each event
   * to one of them (round robin). Fire and forget: a send never waits for, or fails with, its notifications; if no
   * notification-service is up the event is dropped, as the proxy call it replaces would have failed.
   */
  void messageStored(JsonObject chat, JsonObject message) {
    MessageStored event = MessageViews.stored(chat, message);
    if (!event.getRecipientIds().isEmpty()) {
      bus.send(Addresses.CHAT_MESSAGE_STORED, event.toJson());
    }
  }

  /**
   * A deleted message no longer holds these attachments: media-service reclaims each one no other message holds.
   * Sent, not published (one media-service instance does it). A lost event leaves those files stored (as before), and
   * never deletes a file a message still holds: media-service asks {@code referencedMedia} first.
   */
  void attachmentsReleased(JsonArray attachments) {
    List<String> mediaIds = attachments.stream().filter(a -> a instanceof JsonObject)
      .map(a -> ((JsonObject) a).getString("id")).filter(Objects::nonNull).toList();
    if (!mediaIds.isEmpty()) {
      bus.send(Addresses.MEDIA_RELEASED, new MediaReleased().setMediaIds(mediaIds).toJson());
    }
  }

  /** A group chat and its messages were deleted: media-service reclaims the chat's attachments. */
  public void chatMediaReleased(String chatId) {
    bus.send(Addresses.MEDIA_RELEASED, new MediaReleased().setChatId(chatId).toJson());
  }
}
