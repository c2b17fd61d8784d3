package io.rtchat.common;

/**
 * The event-bus address catalogue. Service addresses are never bridged to browsers; a browser may only listen
 * on its own {@link #inbox(String)} and send the explicit client commands below.
 */
public final class Addresses {

  public static final String AUTH_SERVICE = "auth.service";
  public static final String GROUP_SERVICE = "group.service";
  public static final String CHAT_SERVICE = "chat.service";
  public static final String MEDIA_SERVICE = "media.service";
  public static final String NOTIFICATION_SERVICE = "notification.service";
  /** Calls (records, ringing, signalling relay, TURN credentials), hosted by chat-service. */
  public static final String CALL_SERVICE = "call.service";

  /** Published by auth-service when a user's tokens are revoked (password reset): gateways drop cached state. */
  public static final String AUTH_TOKENS_REVOKED = "internal.auth.tokens-revoked";
  /** Published by a gateway when a user's first socket opens or last socket closes on it (presence). */
  public static final String PRESENCE_SOCKETS = "internal.presence.sockets";
  /**
   * Sent (point to point, not published) by chat-service for each stored message, an {@code io.rtchat.api.MessageStored}:
   * one notification-service instance turns it into notifications.
   */
  public static final String CHAT_MESSAGE_STORED = "internal.chat.message-stored";
  /**
   * Published by chat-service whenever a chat's membership, name or existence changes ({@code {chatId}}): every
   * chat-service instance drops its in-memory copy of that chat, and its next send reads it again.
   */
  public static final String CHAT_STATE_CHANGED = "internal.chat.state-changed";

  public static final String INBOX_PREFIX = "user.";

  /** Inbound bridge commands, the complete list of addresses a browser may send to. */
  public static final String CLIENT_CHAT_SEND = "client.chat.send";
  public static final String CLIENT_CHAT_TYPING = "client.chat.typing";
  public static final String CLIENT_CHAT_READ = "client.chat.read";
  public static final String CLIENT_CALL_SIGNAL = "client.call.signal";

  private Addresses() {
  }

  /** The inbox of one user: every socket of that user (every device) listens here. */
  public static String inbox(String userId) {
    return INBOX_PREFIX + userId;
  }
}
