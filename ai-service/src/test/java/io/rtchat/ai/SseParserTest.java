package io.rtchat.ai;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseParserTest {

  private final List<String> events = new ArrayList<>();
  private final SseParser parser = new SseParser(events::add);

  @Test
  void eventsSplitAnywhereAcrossChunksComeOutWhole() {
    byte[] stream = "data: {\"a\":1}\n\ndata: {\"b\":\"ü€\"}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : stream) {
      parser.feed(Buffer.buffer(new byte[] {b})); // one byte at a time: inside lines and inside characters
    }
    assertThat(events).containsExactly("{\"a\":1}", "{\"b\":\"ü€\"}", "[DONE]");
  }

  @Test
  void crlfCommentsOtherFieldsAndMultiLineDataFollowTheEventStreamRules() {
    parser.feed(Buffer.buffer(": keep-alive\r\nevent: message\r\nid: 7\r\ndata: first\r\ndata:second\r\n\r\n\n"));
    assertThat(events).containsExactly("first\nsecond");
  }

  @Test
  void nothingComesOutBeforeTheBlankLineThatEndsAnEvent() {
    parser.feed(Buffer.buffer("data: {\"partial\":true}\n"));
    assertThat(events).isEmpty();
    parser.feed(Buffer.buffer("\n"));
    assertThat(events).hasSize(1);
  }

  @Test
  void anEndlessLineIsRefused() {
    assertThatThrownBy(() -> parser.feed(Buffer.buffer("data: " + "x".repeat(SseParser.MAX_LINE_BYTES + 1))))
      .isInstanceOf(IllegalStateException.class);
  }
}
