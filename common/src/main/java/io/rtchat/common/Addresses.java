package io.rtchat.common;

/**
 * The event-bus address catalogue. Service addresses are never bridged to browsers; a browser may only listen
 * on its own {@link #inbox(String)} and send the explicit client commands below.
 */
public final class Addresses {

  public static final String AUTH_SERVICE = "auth.service";
  public static final String GROUP_SERVICE = "group.service";
  /** Friendships and friend requests: served by group-service beside {@link #GROUP_SERVICE}. */
  public static final String FRIEND_SERVICE = "friend.service";
  public static final String CHAT_SERVICE = "chat.service";
  public static final String MEDIA_SERVICE = "media.service";
  public static final String NOTIFICATION_SERVICE = "notification.service";
  /** Calls (records, ringing, signalling relay, TURN credentials), hosted by chat-service. */
  public static final String CALL_SERVICE = "call.service";
  /** The AI assistant chat, served by ai-service. */
  public static final String AI_SERVICE = "ai.service";

  /** Published by auth-service when a user's tokens are revoked (password reset): gateways drop cached state. */
  public static final String AUTH_TOKENS_REVOKED = "internal.auth.tokens-revoked";
  /** Published by any ai-service instance to stop a user's AI reply: the instance streaming it stops it. */
  public static final String AI_CANCEL = "internal.ai.cancel";
  /** Published by auth-service when one login ends (logout, refresh-token reuse): gateways drop its tokens and sockets. */
  public static final String AUTH_SESSION_ENDED = "internal.auth.session-ended";
  /**
   * Sent (point to point, not published) by chat-service for each stored message, an {@code io.rtchat.api.MessageStored}:
   * one notification-service instance turns it into notifications.
   */
  public static final String CHAT_MESSAGE_STORED = "internal.chat.message-stored";
  /**
   * Published by notification-service when a user's first socket opened or last socket closed anywhere in the cluster,
   * {@code {userId, online}}: every notification-service instance applies it to its in-memory view of who is online.
   */
  public static final String PRESENCE_CHANGED = "internal.presence.changed";
  /**
   * Sent (point to point) by group-service when a friend request was made ({@code FriendRequestSent}):
   * notification-service stores the receiver's notification.
   */
  public static final String FRIEND_REQUEST_SENT = "internal.group.friend-request-sent";
  /**
   * Sent (point to point) by group-service when users were invited to a group ({@code GroupInvitationsMade}):
   * notification-service stores each invitee's notification.
   */
  public static final String GROUP_INVITATIONS_MADE = "internal.group.invitations-made";
  /**
   * Published by chat-service whenever a chat's membership, name or existence changes ({@code {chatId}}): every
   * chat-service instance drops its in-memory copy of that chat, and its next send reads it again.
   */
  public static final String CHAT_STATE_CHANGED = "internal.chat.state-changed";
  /**
   * Sent (point to point), an {@code io.rtchat.api.MediaReleased}, by chat-service when a message holding attachments
   * is deleted ({@code mediaIds}) or a group chat is deleted ({@code chatId}), and by auth-service when a user's avatar
   * is replaced or removed ({@code mediaIds}): one media-service instance lets its sweep look at those media soon, and reclaims each one
   * that nothing references any more (it asks chat-service and auth-service first; the event is only a hint).
   */
  public static final String MEDIA_RELEASED = "internal.media.released";

  public static final String INBOX_PREFIX = "user.";
  /**
   * Published by {@link Inbox} once per event and consumed by every gateway, which writes the event to its own sockets
   * registered on the recipients' inboxes ({@link InboxFanout}); nothing is published to an inbox address itself.
   */
  public static final String INBOX_FANOUT = "internal.inbox.fanout";

  /** Inbound bridge commands, the complete list of addresses a browser may send to. */
  public static final String CLIENT_CHAT_SEND = "client.chat.send";
  public static final String CLIENT_CHAT_TYPING = "client.chat.typing";
  public static final String CLIENT_CHAT_READ = "client.chat.read";
  public static final String CLIENT_CALL_SIGNAL = "client.call.signal";
  public static final String CLIENT_AI_CANCEL = "client.ai.cancel";

  private Addresses() {
  }

  /** The inbox of one user: every socket of that user (every device) listens here. */
  public static String inbox(String userId) {
    return INBOX_PREFIX + userId;
  }
}
