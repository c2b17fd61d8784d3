package io.rtchat.common;

/** The {@code type} of every envelope pushed to a user's inbox: {@code {"type": ..., "data": {...}}}. */
public final class EventTypes {

  public static final String MESSAGE_NEW = "message.new";
  public static final String MESSAGE_EDITED = "message.edited";
  public static final String MESSAGE_DELETED = "message.deleted";
  public static final String MESSAGE_READ = "message.read";
  public static final String CHAT_CREATED = "chat.created";
  public static final String CHAT_UPDATED = "chat.updated";
  public static final String CHAT_TYPING = "chat.typing";
  public static final String FRIEND_REQUEST_NEW = "friend_request.new";
  public static final String FRIEND_REQUEST_ACCEPTED = "friend_request.accepted";
  public static final String FRIEND_REQUEST_REJECTED = "friend_request.rejected";
  public static final String FRIEND_REQUEST_CANCELLED = "friend_request.cancelled";
  public static final String FRIEND_REMOVED = "friend.removed";
  public static final String GROUP_INVITE = "group.invite";
  public static final String GROUP_UPDATED = "group.updated";
  public static final String GROUP_MEMBER_JOINED = "group.member_joined";
  public static final String GROUP_MEMBER_LEFT = "group.member_left";
  public static final String GROUP_DELETED = "group.deleted";
  public static final String NOTIFICATION_NEW = "notification.new";
  public static final String PRESENCE = "presence";
  public static final String CALL_INVITE = "call.invite";
  public static final String CALL_ACCEPTED = "call.accepted";
  public static final String CALL_REJECTED = "call.rejected";
  public static final String CALL_ENDED = "call.ended";
  public static final String CALL_MISSED = "call.missed";
  public static final String CALL_SIGNAL = "call.signal";
  public static final String AI_DELTA = "ai.delta";
  public static final String AI_DONE = "ai.done";
  public static final String AI_ERROR = "ai.error";

  private EventTypes() {
  }
}
