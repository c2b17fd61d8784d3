package io.rtchat.ai;

import io.rtchat.common.ErrorCode;

/**
 * Why a reply ended without an answer: one of the {@code ai.*} codes of the error table and a message for the user.
 * The message never holds the API key or the provider's own error text (which may echo parts of the key).
 */
final class AiFailure extends RuntimeException {

  private final ErrorCode code;

  AiFailure(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  ErrorCode code() {
    return code;
  }
}
