package io.rtchat.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InboxFanoutTest {

  private final InboxFanout.Codec codec = new InboxFanout.Codec();

  @Test
  void travelsBetweenClusterMembersWithItsRecipientsAndTheEventTextUnchanged() {
    JsonObject envelope = Inbox.envelope("message.new", new JsonObject().put("content", "grüße ✓ \"quoted\""));
    InboxFanout sent = new InboxFanout(List.of("65f0a1b2c3d4e5f6a7b8c9d0", "65f0a1b2c3d4e5f6a7b8c9d1"), EncodedEvent.of(envelope));
    Buffer wire = Buffer.buffer().appendString("header");

    codec.encodeToWire(wire, sent);
    InboxFanout received = codec.decodeFromWire("header".length(), wire);

    assertThat(received.userIds()).isEqualTo(sent.userIds());
    assertThat(received.event().json()).isEqualTo(sent.event().json());
    assertThat(received.event().toJson()).isEqualTo(envelope);
  }

  @Test
  void isSharedAsItIsBetweenLocalConsumers() {
    InboxFanout sent = new InboxFanout(List.of("a"), EncodedEvent.of(new JsonObject()));
    assertThat(codec.transform(sent)).isSameAs(sent);
  }
}
