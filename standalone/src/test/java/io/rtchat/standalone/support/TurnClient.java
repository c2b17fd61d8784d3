package io.rtchat.standalone.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The smallest TURN client that proves credentials (RFC 5389/5766 over UDP): an Allocate without credentials is
 * answered 401 with REALM and NONCE; the Allocate again with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY
 * (HMAC-SHA1 keyed with MD5(username:realm:password)) succeeds when the password is right.
 */
public final class TurnClient {

  private static final int MAGIC_COOKIE = 0x2112A442;
  private static final int ALLOCATE_REQUEST = 0x0003;
  public static final int ALLOCATE_SUCCESS = 0x0103;
  public static final int ALLOCATE_ERROR = 0x0113;
  private static final int USERNAME = 0x0006;
  private static final int MESSAGE_INTEGRITY = 0x0008;
  private static final int ERROR_CODE = 0x0009;
  private static final int REALM = 0x0014;
  private static final int NONCE = 0x0015;
  private static final int REQUESTED_TRANSPORT = 0x0019;
  private static final int UDP = 17;

  /** A response: its message type, its error code (0 on success) and its attributes. */
  public record Response(int type, int errorCode, Map<Integer, byte[]> attributes) {

    public String text(int attribute) {
      byte[] value = attributes.get(attribute);
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public String realm() {
      return text(REALM);
    }

    public String nonce() {
      return text(NONCE);
    }
  }

  private final InetAddress host;
  private final int port;
  private final SecureRandom random = new SecureRandom();

  public TurnClient(String host, int port) throws Exception {
    this.host = InetAddress.getByName(host);
    this.port = port;
  }

  /** The two-step allocation with the given credentials; answers the final response. */
  public Response allocate(String username, String password) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(3_000);
      Response challenge = exchange(socket, request(Map.of()));
      if (challenge.errorCode() != 401 || challenge.realm() == null || challenge.nonce() == null) {
        throw new AssertionError("expected a 401 with realm and nonce, got " + challenge);
      }
      Map<Integer, byte[]> attributes = new java.util.LinkedHashMap<>();
      attributes.put(USERNAME, username.getBytes(StandardCharsets.UTF_8));
      attributes.put(REALM, challenge.realm().getBytes(StandardCharsets.UTF_8));
      attributes.put(NONCE, challenge.nonce().getBytes(StandardCharsets.UTF_8));
      byte[] key = MessageDigest.getInstance("MD5")
        .digest((username + ":" + challenge.realm() + ":" + password).getBytes(StandardCharsets.UTF_8));
      return exchange(socket, withIntegrity(request(attributes), key));
    }
  }

  /** The first Allocate alone: what a client without credentials gets. */
  public Response allocateWithoutCredentials() throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(3_000);
      return exchange(socket, request(Map.of()));
    }
  }

  private byte[] request(Map<Integer, byte[]> attributes) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    attribute(body, REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
    attributes.forEach((type, value) -> attribute(body, type, value));
    byte[] transactionId = new byte[12];
    random.nextBytes(transactionId);
    ByteBuffer message = ByteBuffer.allocate(20 + body.size());
    message.putShort((short) ALLOCATE_REQUEST).putShort((short) body.size()).putInt(MAGIC_COOKIE).put(transactionId)
      .put(body.toByteArray());
    return message.array();
  }

  /** Appends MESSAGE-INTEGRITY: the HMAC covers the message with its length already counting the new attribute. */
  private static byte[] withIntegrity(byte[] message, byte[] key) throws Exception {
    ByteBuffer adjusted = ByteBuffer.wrap(message.clone());
    adjusted.putShort(2, (short) (message.length - 20 + 24));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    byte[] hmac = mac.doFinal(adjusted.array());
    ByteBuffer out = ByteBuffer.allocate(message.length + 24);
    out.put(adjusted.array()).putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(hmac);
    return out.array();
  }

  private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
    int padded = (value.length + 3) & ~3;
    ByteBuffer b = ByteBuffer.allocate(4 + padded);
    b.putShort((short) type).putShort((short) value.length).put(value);
    out.writeBytes(b.array());
  }

  private Response exchange(DatagramSocket socket, byte[] request) throws Exception {
    socket.send(new DatagramPacket(request, request.length, host, port));
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    ByteBuffer in = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
    int type = in.getShort() & 0xffff;
    int length = in.getShort() & 0xffff;
    in.getInt();
    in.position(20);
    Map<Integer, byte[]> attributes = new HashMap<>();
    int errorCode = 0;
    while (in.position() < 20 + length) {
      int attrType = in.getShort() & 0xffff;
      int attrLength = in.getShort() & 0xffff;
      byte[] value = new byte[attrLength];
      in.get(value);
      in.position(in.position() + ((4 - attrLength % 4) % 4));
      attributes.put(attrType, value);
      if (attrType == ERROR_CODE) {
        errorCode = (value[2] & 0x7) * 100 + (value[3] & 0xff);
      }
    }
    return new Response(type, errorCode, attributes);
  }
}
