package io.rtchat.common;

import java.util.List;

/**
 * The {@code type} of a stored notification (GET /notifications), and how much of a message a notification or a chat
 * preview shows. Not to be confused with {@link EventTypes}, the live envelope types.
 */
public final class NotificationTypes {

  public static final String MESSAGE = "message";
  public static final String FRIEND_REQUEST = "friend_request";
  public static final String GROUP_INVITE = "group_invite";
  public static final String CALL_MISSED = "call_missed";

  /** Every type notification-service accepts. */
  public static final List<String> ALL = List.of(MESSAGE, FRIEND_REQUEST, GROUP_INVITE, CALL_MISSED);

  /** The most characters of a message that a notification or a last-message preview shows. */
  public static final int PREVIEW_CHARS = 200;

  private NotificationTypes() {
  }
}
