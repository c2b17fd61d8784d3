package io.rtchat.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An event envelope encoded to JSON text once, however many inboxes it is published to. The event bus hands the same
 * immutable instance to every local consumer (no copy per recipient, unlike a JsonObject body), and the SockJS bridge,
 * which puts a message's body into its {@code {"type":"rec","address":…,"body":…}} frame and encodes that frame with
 * Jackson databind, writes this text into the frame as it is ({@link JsonSerializable}): the event is serialized
 * once per message instead of once per socket, and clients receive exactly the frame they did before.
 */
public final class EncodedEvent implements JsonSerializable {

  public static final String CODEC_NAME = "rtchat-encoded-event";

  private final String json;

  private EncodedEvent(String json) {
    this.json = json;
  }

  public static EncodedEvent of(JsonObject envelope) {
    return new EncodedEvent(envelope.encode());
  }

  /** Text that already is an encoded envelope (as it arrives from another cluster member). */
  static EncodedEvent ofJson(String json) {
    return new EncodedEvent(json);
  }

  /** The envelope as JSON text. */
  public String json() {
    return json;
  }

  /** The envelope parsed again (for a consumer that wants to read it; the bridge never does). */
  public JsonObject toJson() {
    return new JsonObject(json);
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    gen.writeRawValue(json);
  }

  @Override
  public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
    throws IOException {
    serialize(gen, serializers);
  }

  @Override
  public String toString() {
    return json;
  }

  /**
   * Makes the type, and the fan-out message that carries it to the gateways ({@link InboxFanout}), travel on the event
   * bus: shared as is locally, as UTF-8 text between cluster members.
   */
  public static void register(EventBus bus) {
    bus.registerDefaultCodec(EncodedEvent.class, new Codec());
    bus.registerDefaultCodec(InboxFanout.class, new InboxFanout.Codec());
  }

  private static final class Codec implements MessageCodec<EncodedEvent, EncodedEvent> {

    @Override
    public void encodeToWire(Buffer buffer, EncodedEvent event) {
      byte[] bytes = event.json.getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public EncodedEvent decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return new EncodedEvent(buffer.getString(pos + 4, pos + 4 + length, StandardCharsets.UTF_8.name()));
    }

    @Override
    public EncodedEvent transform(EncodedEvent event) {
      return event; // immutable: every local consumer may share it
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
