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

  /** Published by auth-service when a user's tokens are revoked (password reset): gateways drop cached state. */
  public static final String AUTH_TOKENS_REVOKED = "internal.auth.tokens-revoked";
  /** Published by a gateway when a user's first socket opens or last socket closes on it (presence). */
  public static final String PRESENCE_SOCKETS = "internal.presence.sockets";

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

  private Addresses() {
  }

  /** The inbox of one user: every socket of that user (every device) listens here. */
  public static String inbox(String userId) {
    return INBOX_PREFIX + userId;
  }
}
