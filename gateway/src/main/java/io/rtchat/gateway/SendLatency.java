package io.rtchat.gateway;

import io.rtchat.common.Addresses;
import io.rtchat.common.Metrics;

/**
 * {@code rtchat_chat_send_seconds}: from the gateway receiving a socket's {@code client.chat.send} to its answer (the
 * stored message, or a refusal) being written back to that socket — what the sender waits for, through every
 * service and MongoDB on the way.
 */
final class SendLatency {

  private SendLatency() {
  }

  static void answered(String address, long receivedNanos) {
    if (Addresses.CLIENT_CHAT_SEND.equals(address)) {
      Metrics.time("rtchat_chat_send", "client.chat.send to its reply, as the gateway sees it", System.nanoTime() - receivedNanos);
    }
  }
}
