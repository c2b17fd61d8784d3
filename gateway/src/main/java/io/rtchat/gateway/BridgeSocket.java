package io.rtchat.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/**
 * One client connection to the bridge, whatever carries it (a raw WebSocket or a SockJS session), and everything the
 * gateway keeps about it. The state lives in the connection's own object rather than in maps keyed by it: an idle
 * socket is the largest population a gateway holds, and each map entry costs more than the field it stands for.
 *
 * <p>Used on the gateway verticle's event loop only.
 */
abstract class BridgeSocket {

  /** The client's address (X-Forwarded-For only from a trusted proxy), for the per-IP caps and limits. */
  String ip;
  /** Unique on this gateway; with the gateway's id it names the socket (see {@link #id}). */
  final long serial;
  final long openedAtMillis;
  long lastPingMillis;

  /** Null until the socket signs in (registers on its inbox, or sends, with a valid token). */
  String userId;
  String sessionId;
  /** When the newest token it presented expires: the socket is closed then. */
  long expiresAtMillis;
  /** Registered on its user's inbox: inbox events are written to it. */
  boolean onInbox;
  /** Counted as its user's presence on this gateway (from its first registration until it closes). */
  boolean present;
  /** Commands sent with a reply address whose answer has not been written yet. */
  int pendingReplies;
  boolean closed;

  BridgeSocket(String ip, long serial, long nowMillis) {
    this.ip = ip;
    this.serial = serial;
    this.openedAtMillis = nowMillis;
    this.lastPingMillis = nowMillis;
  }

  /** The socket's id in command headers and presence reports: unique across gateways, built when asked for. */
  String id(String gatewayId) {
    return gatewayId + "-" + Long.toString(serial, 36);
  }

  /** Writes one frame as a binary message (what the Vert.x bridge writes). */
  abstract void write(Buffer frame);

  abstract void close(short code, String reason);

  static BridgeSocket of(ServerWebSocket ws, String ip, long serial, long nowMillis) {
    return new OnWebSocket(ws, ip, serial, nowMillis);
  }

  static BridgeSocket of(SockJSSocket sock, String ip, long serial, long nowMillis) {
    return new OnSockJs(sock, ip, serial, nowMillis);
  }

  private static final class OnWebSocket extends BridgeSocket {
    private final ServerWebSocket ws;

    OnWebSocket(ServerWebSocket ws, String ip, long serial, long nowMillis) {
      super(ip, serial, nowMillis);
      this.ws = ws;
    }

    @Override
    void write(Buffer frame) {
      if (!closed) {
        ws.writeBinaryMessage(frame);
      }
    }

    @Override
    void close(short code, String reason) {
      if (!closed) {
        ws.close(code, reason);
      }
    }
  }

  private static final class OnSockJs extends BridgeSocket {
    private final SockJSSocket sock;

    OnSockJs(SockJSSocket sock, String ip, long serial, long nowMillis) {
      super(ip, serial, nowMillis);
      this.sock = sock;
    }

    @Override
    void write(Buffer frame) {
      if (!closed) {
        sock.write(frame);
      }
    }

    @Override
    void close(short code, String reason) {
      if (!closed) {
        sock.close(code, reason);
      }
    }
  }
}
