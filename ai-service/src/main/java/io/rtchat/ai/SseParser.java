package io.rtchat.ai;

import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Server-sent events, parsed as the bytes arrive: a chunk may end anywhere (inside a line, inside a multi-byte
 * character), so bytes are kept until their line is complete and only whole lines are decoded. Each event's
 * {@code data} (its {@code data:} lines joined by newlines) goes to the consumer when the blank line that ends it
 * arrives. Comments ({@code :...}) and the {@code event}, {@code id} and {@code retry} fields are ignored: the
 * completions stream does not use them.
 */
final class SseParser {

  /** A line longer than this is not an event stream (or is an attack on memory). */
  static final int MAX_LINE_BYTES = 1 << 20;

  private final Consumer<String> onData;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  SseParser(Consumer<String> onData) {
    this.onData = onData;
  }

  /** Feeds the next bytes; throws {@link IllegalStateException} when a line grows past {@link #MAX_LINE_BYTES}. */
  void feed(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line.write(bytes, start, i - start);
        start = i + 1;
        onLine();
      }
    }
    line.write(bytes, start, bytes.length - start);
    if (line.size() > MAX_LINE_BYTES) {
      throw new IllegalStateException("event-stream line longer than " + MAX_LINE_BYTES + " bytes");
    }
  }

  private void onLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      if (hasData) {
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        onData.accept(event);
      }
      return;
    }
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if ("data".equals(field)) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
  }
}
