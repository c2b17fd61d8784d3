// The Vert.x event-bus bridge protocol, in a few lines of our own: register, send with a reply, ping, and reconnect
// with backoff. The frames are the standard ones the official client sends
// ({"type":"register"|"send"|"ping", address, headers, body, replyAddress}; "rec"/"err" back).
// It connects over a plain WebSocket first (/eventbus/websocket: the server's lightest connection) and falls back to
// SockJS (its WebSocket, then xhr transports) for the rest of the page's life when that never opens, as behind a
// proxy that blocks WebSockets.
import { session, refresh } from './session.js';
import { ApiError } from './api.js';
import { uuid } from './dom.js';

const PING_MS = 20_000;
const decoder = new TextDecoder();
const REPLY_TIMEOUT_MS = 30_000;

export class Bridge extends EventTarget {
  constructor(url = '/eventbus') {
    super();
    this.url = url;
    this.state = 'idle'; // idle | connecting | open | closed
    this.attempt = 0;
    this.replies = new Map();
    this.stopped = true;
    this.retryAt = 0;
    addEventListener('offline', () => this.sock && this.sock.close());
    addEventListener('online', () => this.reconnectNow());
  }

  start() {
    this.stopped = false;
    this.connectNow();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.sock) this.sock.close();
    this.setState('idle');
  }

  /** Back online (or the user asked): skip the backoff, dropping an attempt that started while offline. */
  reconnectNow() {
    if (this.stopped || this.state === 'open') return;
    if (this.state === 'connecting' && this.sock) {
      const stale = this.sock;
      this.sock = null;
      stale.onclose = null;
      stale.close();
      this.setState('closed');
    }
    this.connectNow();
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.state === 'connecting' || this.state === 'open') return;
    if (navigator.onLine === false) return this.setState('closed'); // no attempt while offline: 'online' reconnects
    this.setState('connecting');
    const transports = (window.RTCHAT_TRANSPORTS || undefined);
    // A plain WebSocket that never opened is followed by one SockJS attempt; if SockJS then gets through only by xhr,
    // WebSockets are blocked on the way and the page stays on SockJS. (A server that was down fails both: the
    // attempts alternate until it is back.)
    const plain = !transports && !this.sockJsOnly && !this.fallback;
    const sock = plain ? this.webSocket() : new window.SockJS(this.url, null, transports ? { transports } : {});
    this.sock = sock;
    sock.onopen = () => {
      sock.wasOpen = true;
      if (!plain && this.fallback) this.sockJsOnly = sock.transport !== 'websocket';
      this.fallback = false;
      this.opened(sock);
    };
    sock.onmessage = e => this.frame(JSON.parse(typeof e.data === 'string' ? e.data : decoder.decode(e.data)));
    sock.onclose = () => {
      this.fallback = plain && !sock.wasOpen;
      this.closed(sock);
    };
  }

  webSocket() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + this.url + '/websocket');
    ws.binaryType = 'arraybuffer'; // the server writes its frames as binary messages
    return ws;
  }

  async opened(sock) {
    if (sock !== this.sock) return;
    const s = session();
    if (!s) return sock.close();
    if (s.expiresAt < Date.now() + 10_000) await refresh().catch(() => {});
    this.raw({ type: 'register', address: 'user.' + session().user.id, headers: this.auth() });
    this.pinger = setInterval(() => this.raw({ type: 'ping' }), PING_MS);
    this.attempt = 0;
    this.setState('open');
    this.dispatchEvent(new CustomEvent('open'));
  }

  closed(sock) {
    if (sock !== this.sock) return;
    clearInterval(this.pinger);
    this.sock = null;
    for (const [, pending] of this.replies) pending.reject(new ApiError(0, 'network', 'Connection lost'));
    this.replies.clear();
    if (this.stopped) return this.setState('idle');
    this.attempt++;
    const delay = Math.min(10_000, 500 * 2 ** Math.min(this.attempt - 1, 5)) * (0.75 + Math.random() / 2);
    this.retryAt = Date.now() + delay;
    this.setState('closed');
    this.retryTimer = setTimeout(() => this.connectNow(), delay);
  }

  frame(frame) {
    if (frame.type === 'pong') return;
    const pending = frame.address && this.replies.get(frame.address);
    if (pending) {
      this.replies.delete(frame.address);
      clearTimeout(pending.timer);
      if (frame.type === 'err') {
        let error = {};
        try { error = JSON.parse(frame.message).error || {}; } catch { error = { message: frame.message }; }
        pending.reject(new ApiError(frame.failureCode || 500, error.code, error.message));
      } else {
        pending.resolve(frame.body);
      }
      return;
    }
    if (frame.type === 'rec' && frame.body && frame.body.type) {
      this.dispatchEvent(new CustomEvent('event', { detail: frame.body }));
    } else if (frame.type === 'err') {
      // A refused frame is answered without its address, so it cannot be matched exactly: with commands in
      // flight, fail them (callers fall back to REST); otherwise it was the register (a token that just expired):
      // refresh and reconnect, at most every 10 s.
      this.dispatchEvent(new CustomEvent('refused', { detail: frame }));
      if (this.replies.size) {
        for (const [, pending] of this.replies) { clearTimeout(pending.timer); pending.reject(new ApiError(403, 'bridge.refused', String(frame.body))); }
        this.replies.clear();
      } else if (session() && Date.now() - (this.lastRecovery || 0) > 10_000) {
        this.lastRecovery = Date.now();
        refresh().then(() => this.sock && this.sock.close()).catch(() => {});
      }
    }
  }

  /** Sends a client command and resolves with its reply (or rejects with the error it got). */
  send(address, body) {
    if (this.state !== 'open') return Promise.reject(new ApiError(0, 'network', 'Not connected'));
    const replyAddress = uuid(); // the bridge accepts only UUIDs as reply addresses
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(replyAddress);
        reject(new ApiError(0, 'timeout', 'No answer'));
      }, REPLY_TIMEOUT_MS);
      this.replies.set(replyAddress, { resolve, reject, timer });
      this.raw({ type: 'send', address, body, replyAddress, headers: this.auth() });
    });
  }

  /**
   * Sends a command without awaiting its reply: the bridge keeps one handler per awaited reply and refuses more than
   * 16 per socket, which a burst of ICE candidates would exceed.
   */
  post(address, body) {
    if (this.state !== 'open') return false;
    this.raw({ type: 'send', address, body, headers: this.auth() });
    return true;
  }

  auth() {
    return { Authorization: 'Bearer ' + session().accessToken, deviceId: this.deviceId || '' };
  }

  raw(frame) {
    if (this.sock && this.sock.readyState === 1) this.sock.send(JSON.stringify(frame));
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}
