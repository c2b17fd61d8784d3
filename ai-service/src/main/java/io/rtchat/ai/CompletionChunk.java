package io.rtchat.ai;

import io.rtchat.common.ErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One event of an OpenAI-compatible streamed completion:
 * {@code {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"..."},"finish_reason":null}]}},
 * or the end marker {@code [DONE]}. Servers differ in what else they send (a first chunk with only the role, a last
 * one with {@code usage} and no choices, llama.cpp's timing fields): anything beside the content is ignored, but a
 * chunk that is not JSON or whose fields have the wrong shape is malformed. Some servers report a failure inside the
 * stream as {@code {"error": {...}}}.
 */
record CompletionChunk(String text, boolean finished, boolean done) {

  static final String DONE_MARKER = "[DONE]";

  /** Decodes the data of one event; throws {@link AiFailure} for a malformed chunk or an in-stream error. */
  static CompletionChunk parse(String data) {
    if (DONE_MARKER.equals(data.trim())) {
      return new CompletionChunk("", true, true);
    }
    JsonObject chunk;
    try {
      Object parsed = Json.decodeValue(data);
      if (!(parsed instanceof JsonObject json)) {
        throw malformed();
      }
      chunk = json;
    } catch (DecodeException e) {
      throw malformed();
    }
    try {
      return read(chunk);
    } catch (ClassCastException e) {
      throw malformed();
    }
  }

  private static CompletionChunk read(JsonObject chunk) {
    if (chunk.getValue("error") != null) {
      throw new AiFailure(ErrorCode.AI_PROVIDER_ERROR, "The AI server reported an error during the reply");
    }
    Object choices = chunk.getValue("choices");
    if (choices == null) {
      return new CompletionChunk("", false, false);
    }
    if (!(choices instanceof JsonArray list)) {
      throw malformed();
    }
    StringBuilder text = new StringBuilder();
    boolean finished = false;
    for (Object c : list) {
      if (!(c instanceof JsonObject choice) || choice.getInteger("index", 0) != 0) {
        if (!(c instanceof JsonObject)) {
          throw malformed();
        }
        continue; // only the first choice is shown (n is never asked for)
      }
      Object delta = choice.getValue("delta");
      if (delta != null && !(delta instanceof JsonObject)) {
        throw malformed();
      }
      Object content = delta == null ? null : ((JsonObject) delta).getValue("content");
      if (content != null && !(content instanceof String)) {
        throw malformed();
      }
      if (content != null) {
        text.append((String) content);
      }
      finished |= choice.getValue("finish_reason") != null;
    }
    return new CompletionChunk(text.toString(), finished, false);
  }

  private static AiFailure malformed() {
    return new AiFailure(ErrorCode.AI_MALFORMED_REPLY, "The AI server sent a reply that could not be read");
  }
}
