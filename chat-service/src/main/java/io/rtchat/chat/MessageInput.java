package io.rtchat.chat;

import io.rtchat.common.ErrorCode;
import io.rtchat.common.Errors;
import io.rtchat.common.Ids;
import io.rtchat.common.Input;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a message may hold, by type. {@code text}, {@code emoji} and {@code link} carry content (a link message must
 * contain a link) and no attachments; {@code image}, {@code file}, {@code video} and {@code audio} carry 1..10
 * attachments and an optional caption. Content is at most MESSAGE_MAX_BYTES of UTF-8 (413 beyond).
 */
final class MessageInput {

  static final List<String> TYPES = List.of("text", "emoji", "link", "image", "file", "video", "audio");
  static final List<String> ATTACHMENT_TYPES = List.of("image", "file", "video", "audio");
  static final int MAX_ATTACHMENTS = 10;
  static final int MAX_CLIENT_MSG_ID = 64;

  /** A validated send. */
  record Draft(String clientMsgId, String type, String content, List<String> attachmentIds, JsonArray links) {
  }

  private MessageInput() {
  }

  static Future<Draft> draft(JsonObject body, int maxBytes) {
    Input in = Input.of(body);
    String type = in.requiredEnum("type", TYPES);
    String clientMsgId = in.optionalString("clientMsgId", 1, MAX_CLIENT_MSG_ID);
    List<String> attachmentIds = in.optionalIdList("attachmentIds", MAX_ATTACHMENTS);
    Object rawContent = body == null ? null : body.getValue("content");
    if (rawContent != null && !(rawContent instanceof String)) {
      in.problem("content", "must be a string");
    }
    String content = rawContent instanceof String s ? s : "";
    if (type != null) {
      boolean withAttachments = ATTACHMENT_TYPES.contains(type);
      if (withAttachments && attachmentIds.isEmpty()) {
        in.problem("attachmentIds", "a " + type + " message needs 1 to " + MAX_ATTACHMENTS + " attachments");
      }
      if (!withAttachments && !attachmentIds.isEmpty()) {
        in.problem("attachmentIds", "only image, file, video and audio messages carry attachments");
      }
      if (!withAttachments && content.isBlank()) {
        in.problem("content", "must not be empty");
      }
    }
    if (in.invalid()) {
      return in.failure();
    }
    if (tooLarge(content, maxBytes)) {
      return tooLargeFailure(maxBytes);
    }
    JsonArray links = Links.in(content);
    if ("link".equals(type) && links.isEmpty()) {
      return Errors.fail(ErrorCode.VALIDATION, "A link message must contain a link",
        new JsonObject().put("content", "must contain a link (http://, https:// or www.)"));
    }
    return Future.succeededFuture(new Draft(clientMsgId == null ? "srv-" + Ids.newId() : clientMsgId, type, content,
      attachmentIds, links));
  }

  /** The new content of an edit, checked against the message's type. */
  static Future<String> editedContent(JsonObject body, String type, int maxBytes) {
    Object raw = body == null ? null : body.getValue("content");
    if (!(raw instanceof String content)) {
      return Errors.fail(ErrorCode.VALIDATION, "content is required",
        new JsonObject().put("content", raw == null ? "is required" : "must be a string"));
    }
    if (!ATTACHMENT_TYPES.contains(type) && content.isBlank()) {
      return Errors.fail(ErrorCode.VALIDATION, "content must not be empty", new JsonObject().put("content", "must not be empty"));
    }
    if (tooLarge(content, maxBytes)) {
      return tooLargeFailure(maxBytes);
    }
    if ("link".equals(type) && Links.in(content).isEmpty()) {
      return Errors.fail(ErrorCode.VALIDATION, "A link message must contain a link",
        new JsonObject().put("content", "must contain a link"));
    }
    return Future.succeededFuture(content);
  }

  private static boolean tooLarge(String content, int maxBytes) {
    // A char is at most 3 UTF-8 bytes: skip the encoding for short texts.
    return content.length() * 3L > maxBytes && content.getBytes(StandardCharsets.UTF_8).length > maxBytes;
  }

  private static <T> Future<T> tooLargeFailure(int maxBytes) {
    return Errors.fail(ErrorCode.MESSAGE_TOO_LARGE, "A message holds at most " + maxBytes + " bytes of text");
  }
}
