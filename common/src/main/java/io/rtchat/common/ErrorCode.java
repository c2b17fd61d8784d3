package io.rtchat.common;

import java.util.HashMap;
import java.util.Map;

/**
 * The error table: every code a client can see, with its HTTP status. Services fail with {@link Errors#fail};
 * the gateway turns the code into {@code {"error": {"code", "message", "fields"?}}} with this status.
 */
public enum ErrorCode {
  // generic
  VALIDATION("request.invalid", 400),
  MALFORMED_JSON("request.malformed_json", 400),
  INVALID_ID("request.invalid_id", 400),
  BODY_TOO_LARGE("request.too_large", 413),
  UNSUPPORTED_MEDIA_TYPE("request.unsupported_media_type", 415),
  NOT_FOUND("request.not_found", 404),
  METHOD_NOT_ALLOWED("request.method_not_allowed", 405),
  RATE_LIMITED("request.rate_limited", 429),
  UNAUTHORIZED("auth.unauthorized", 401),
  FORBIDDEN("auth.forbidden", 403),
  UNAVAILABLE("service.unavailable", 503),
  INTERNAL("internal.error", 500),

  // auth-service
  EMAIL_TAKEN("auth.email_taken", 409),
  USERNAME_TAKEN("auth.username_taken", 409),
  INVALID_CREDENTIALS("auth.invalid_credentials", 401),
  EMAIL_NOT_VERIFIED("auth.email_not_verified", 403),
  OTP_INVALID("auth.otp_invalid", 400),
  OTP_LOCKED("auth.otp_locked", 429),
  OTP_THROTTLED("auth.otp_throttled", 429),
  LOGIN_THROTTLED("auth.login_throttled", 429),
  TOKEN_INVALID("auth.token_invalid", 401),
  TOKEN_EXPIRED("auth.token_expired", 401),
  REFRESH_INVALID("auth.refresh_invalid", 401),
  RESET_TOKEN_INVALID("auth.reset_token_invalid", 400),
  USER_NOT_FOUND("user.not_found", 404),

  // group-service
  FRIEND_SELF("friend.self", 400),
  FRIEND_REQUEST_EXISTS("friend.request_exists", 409),
  FRIEND_ALREADY("friend.already_friends", 409),
  FRIEND_REQUEST_NOT_FOUND("friend.request_not_found", 404),
  FRIEND_REQUEST_NOT_PENDING("friend.request_not_pending", 409),
  FRIEND_NOT_FOUND("friend.not_found", 404),
  GROUP_NOT_FOUND("group.not_found", 404),
  GROUP_NOT_MEMBER("group.not_member", 403),
  GROUP_NOT_ADMIN("group.not_admin", 403),
  GROUP_NOT_INVITED("group.not_invited", 404),
  GROUP_ALREADY_MEMBER("group.already_member", 409),
  GROUP_LAST_ADMIN("group.last_admin", 409),
  GROUP_MEMBER_NOT_FOUND("group.member_not_found", 404),

  // chat-service
  CHAT_NOT_FOUND("chat.not_found", 404),
  CHAT_NOT_MEMBER("chat.not_member", 403),
  CHAT_NOT_FRIEND("chat.not_friend", 403),
  MESSAGE_NOT_FOUND("message.not_found", 404),
  MESSAGE_NOT_SENDER("message.not_sender", 403),
  MESSAGE_TOO_LARGE("message.too_large", 413),
  MESSAGE_DELETED("message.deleted", 409),
  ATTACHMENT_INVALID("message.attachment_invalid", 422),
  CALL_NOT_FOUND("call.not_found", 404),
  CALL_NOT_PARTICIPANT("call.not_participant", 403),
  CALL_STATE("call.invalid_state", 409),
  CALL_ACTIVE("call.active", 409),
  CALL_NOT_INVITED("call.not_invited", 403),
  CALL_ENDED("call.ended", 409),
  CALL_NOT_JOINED("call.not_joined", 409),
  CALL_SIGNAL_TOO_LARGE("call.signal_too_large", 413),
  AI_NOT_CONFIGURED("ai.not_configured", 503),
  AI_BUSY("ai.busy", 409),
  AI_RATE_LIMITED("ai.rate_limited", 429),
  AI_USE_AI_ROUTE("ai.use_ai_route", 403),
  // The reply's own failures: they end a reply as ai.error events (the POST was already answered 202).
  AI_PROVIDER_ERROR("ai.provider_error", 502),
  AI_PROVIDER_UNREACHABLE("ai.provider_unreachable", 502),
  AI_TIMEOUT("ai.timeout", 504),
  AI_MALFORMED_REPLY("ai.malformed_reply", 502),
  AI_CONNECTION_LOST("ai.connection_lost", 502),
  AI_CANCELLED("ai.cancelled", 409),

  // media-service
  MEDIA_NOT_FOUND("media.not_found", 404),
  MEDIA_FORBIDDEN("media.forbidden", 403),
  MEDIA_TOO_LARGE("media.too_large", 413),
  MEDIA_TYPE_NOT_ALLOWED("media.type_not_allowed", 415),
  MEDIA_CONTENT_MISMATCH("media.content_mismatch", 422),
  MEDIA_NOT_UPLOADED("media.not_uploaded", 409),
  MEDIA_NOT_READY("media.not_ready", 409),
  MEDIA_UNAVAILABLE("media.unavailable", 503),
  MEDIA_QUOTA_EXCEEDED("media.quota_exceeded", 413),

  // notification-service
  NOTIFICATION_NOT_FOUND("notification.not_found", 404);

  private static final Map<String, ErrorCode> BY_CODE = new HashMap<>();

  static {
    for (ErrorCode c : values()) {
      BY_CODE.put(c.code, c);
    }
  }

  private final String code;
  private final int status;

  ErrorCode(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public static ErrorCode byCode(String code) {
    return code == null ? null : BY_CODE.get(code);
  }
}
