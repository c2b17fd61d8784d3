package io.rtchat.gateway;

import io.rtchat.common.Addresses;
import io.rtchat.common.BoundedLru;
import io.rtchat.common.Metrics;

/**
 * {@code rtchat_chat_send_seconds}: from the gateway receiving a socket's {@code client.chat.send} to the reply (the
 * stored message, or a refusal) going back to that socket — what the sender waits for, through every service and
 * MongoDB on the way. Kept by reply address; sends whose reply never comes back through the bridge (failures, closed
 * sockets) fall out of the bounded map. One instance per bridge, used on its event loop.
 */
final class SendLatency {

  private final BoundedLru<String, Long> started = new BoundedLru<>(4096);

  void sent(String address, String replyAddress) {
    if (Addresses.CLIENT_CHAT_SEND.equals(address) && replyAddress != null) {
      started.put(replyAddress, System.nanoTime());
    }
  }

  void replied(String replyAddress) {
    Long at = started.remove(replyAddress);
    if (at != null) {
      Metrics.time("rtchat_chat_send", "client.chat.send to its reply, as the gateway sees it",
        System.nanoTime() - at);
    }
  }
}
