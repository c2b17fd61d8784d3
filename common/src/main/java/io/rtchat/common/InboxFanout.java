package io.rtchat.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One inbox event and the users it is for: the single bus message {@link Inbox} publishes per event to every gateway
 * ({@link Addresses#INBOX_FANOUT}), which writes the event to its own sockets of those users. A group message to
 * a hundred members is one bus message per gateway, not a hundred; a recipient with no socket costs only its id.
 */
public record InboxFanout(List<String> userIds, EncodedEvent event) {

  public static final String CODEC_NAME = "rtchat-inbox-fanout";

  public InboxFanout {
    userIds = List.copyOf(userIds);
  }

  /** Shared as is between local consumers (immutable); ids and the event's UTF-8 text between cluster members. */
  static final class Codec implements MessageCodec<InboxFanout, InboxFanout> {

    @Override
    public void encodeToWire(Buffer buffer, InboxFanout fanout) {
      buffer.appendInt(fanout.userIds().size());
      for (String userId : fanout.userIds()) {
        appendText(buffer, userId);
      }
      appendText(buffer, fanout.event().json());
    }

    @Override
    public InboxFanout decodeFromWire(int pos, Buffer buffer) {
      int count = buffer.getInt(pos);
      int at = pos + 4;
      String[] userIds = new String[count];
      for (int i = 0; i < count; i++) {
        int length = buffer.getInt(at);
        userIds[i] = buffer.getString(at + 4, at + 4 + length, StandardCharsets.UTF_8.name());
        at += 4 + length;
      }
      int length = buffer.getInt(at);
      String json = buffer.getString(at + 4, at + 4 + length, StandardCharsets.UTF_8.name());
      return new InboxFanout(List.of(userIds), EncodedEvent.ofJson(json));
    }

    private static void appendText(Buffer buffer, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public InboxFanout transform(InboxFanout fanout) {
      return fanout;
    }

    @Override
    public String name() {
      return CODEC_NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
