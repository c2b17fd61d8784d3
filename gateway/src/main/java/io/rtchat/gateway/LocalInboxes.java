package io.rtchat.gateway;

import io.rtchat.common.Addresses;
import io.rtchat.common.InboxFanout;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The sockets on this gateway registered on their user's inbox, and the delivery of inbox events to them. Every
 * gateway consumes the one fan-out message {@link io.rtchat.common.Inbox} publishes per event and writes, to each
 * local socket of each recipient, exactly the frame the event-bus bridge writes for a message on {@code user.<id>}
 * ({@code {"type":"rec","address":"user.<id>","body":<event>}}, built once per recipient from the event's text
 * encoded once). A socket therefore needs no event-bus consumer of its own, and a user with no socket here costs a
 * map lookup.
 *
 * <p>Used on the gateway verticle's event loop only (the bridge's hooks and this consumer run there).
 */
final class LocalInboxes {

  private static final String FRAME_START = "{\"type\":\"rec\",\"address\":\"";
  private static final String FRAME_BODY = "\",\"body\":";
  private static final BridgeSocket[] NONE = new BridgeSocket[0];

  /** Most users have one device: an array per user, copied on change, is the smallest set. */
  private final Map<String, BridgeSocket[]> socketsByUser = new HashMap<>();

  /** Starts delivering the events published to the gateways; completes once the consumer is registered. */
  public Future<Void> listen(EventBus bus) {
    MessageConsumer<InboxFanout> consumer = bus.consumer(Addresses.INBOX_FANOUT, message -> deliver(message.body()));
    return consumer.completion();
  }

  /** Adds the socket to its user's inbox; false when it already was. */
  public boolean add(String userId, BridgeSocket socket) {
    BridgeSocket[] sockets = socketsByUser.getOrDefault(userId, NONE);
    if (Arrays.asList(sockets).contains(socket)) {
      return false;
    }
    BridgeSocket[] more = Arrays.copyOf(sockets, sockets.length + 1);
    more[sockets.length] = socket;
    socketsByUser.put(userId, more);
    return true;
  }

  /** Removes the socket from its user's inbox; false when it was not there. */
  public boolean remove(String userId, BridgeSocket socket) {
    BridgeSocket[] sockets = socketsByUser.get(userId);
    if (sockets == null) {
      return false;
    }
    BridgeSocket[] fewer = Arrays.stream(sockets).filter(s -> s != socket).toArray(BridgeSocket[]::new);
    if (fewer.length == sockets.length) {
      return false;
    }
    if (fewer.length == 0) {
      socketsByUser.remove(userId);
    } else {
      socketsByUser.put(userId, fewer);
    }
    return true;
  }

  /** Users with at least one socket registered on this gateway. */
  public int users() {
    return socketsByUser.size();
  }

  void deliver(InboxFanout fanout) {
    byte[] body = null;
    for (String userId : fanout.userIds()) {
      BridgeSocket[] sockets = socketsByUser.get(userId);
      if (sockets == null) {
        continue;
      }
      if (body == null) {
        body = fanout.event().json().getBytes(StandardCharsets.UTF_8); // once per event, not once per recipient
      }
      // The bridge writes its frames as a Buffer too (a binary message on the raw WebSocket); one per recipient,
      // shared by that user's sockets.
      byte[] head = (FRAME_START + Addresses.inbox(userId) + FRAME_BODY).getBytes(StandardCharsets.UTF_8);
      Buffer frame = Buffer.buffer(head.length + body.length + 1).appendBytes(head).appendBytes(body).appendByte((byte) '}');
      for (BridgeSocket socket : sockets) {
        socket.write(frame);
      }
    }
  }
}
