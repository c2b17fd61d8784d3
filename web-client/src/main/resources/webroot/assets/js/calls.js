// Audio and video calls: the call itself over REST and call.* events, the media peer-to-peer (WebRTC, one
// connection per other participant) with the ICE servers from /calls/ice-servers. Whoever joins later makes the
// offers to those already in the call, so every pair connects exactly once.
import { h, replace, avatar, displayName } from './dom.js';
import { get, post } from './api.js';
import { state, profile } from './state.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

const who = (d) => d.userId || null;
const callOf = (d) => d.call || d;
/** This tab's device id: named in every bridge frame and when answering, so the other devices stop ringing. */
export const DEVICE_ID = sessionStorage.getItem('rtchat.device') || (() => {
  const id = 'web-' + Math.random().toString(36).slice(2, 10);
  sessionStorage.setItem('rtchat.device', id);
  return id;
})();

export class Calls {
  constructor(app) {
    this.app = app;
    this.active = null; // {call, type, peers: Map userId -> {pc, device, queue}, joined:Set, local}
    this.ringing = null;
  }

  async start(chat, type) {
    if (this.active) return toast.info('You are already in a call');
    try {
      const answer = await post('/calls', { chatId: chat.id, type });
      const call = answer.call || answer;
      await this.enter(call, type);
      this.active.joined.add(state.me.id);
      this.setStatus('ringing', 'Calling…');
    } catch (e) {
      this.teardown();
      toast.error(e.code === 'call.active' ? 'There is already a call in this chat' : e.message);
    }
  }

  async enter(call, type) {
    const ice = await get('/calls/ice-servers').catch(() => ({ iceServers: [] }));
    const local = await navigator.mediaDevices.getUserMedia({ audio: true, video: type === 'video' }).catch(() => null);
    this.active = { call, type, peers: new Map(), joined: new Set(call.inCall || [call.initiator].filter(Boolean)), local, iceServers: ice.iceServers || [] };
    this.render();
  }

  onEvent(type, data) {
    const call = callOf(data);
    const callId = call.id || data.callId;
    const mine = this.active && this.active.call.id === callId;
    switch (type) {
      case 'call.invite':
        if (mine || this.ringing) return;
        if (call.initiator === state.me.id) return; // my other device placed it
        this.ring(call);
        return;
      case 'call.accepted': {
        const by = who(data);
        if (this.ringing && this.ringing.id === callId && by === state.me.id && data.deviceId !== DEVICE_ID) this.stopRinging(); // answered elsewhere
        if (mine && by) { this.active.joined.add(by); if (by !== state.me.id) this.setStatus('connecting', 'Connecting…'); }
        return;
      }
      case 'call.rejected':
        if (mine && (this.active.call.participants || []).length <= 2) { toast.info('Call declined'); this.teardown(); }
        if (this.ringing && this.ringing.id === callId && who(data) === state.me.id) this.stopRinging();
        return;
      case 'call.ended':
        if (this.ringing && this.ringing.id === callId && call.status !== 'ongoing') this.stopRinging();
        if (mine && call.status !== 'ongoing') this.teardown();
        else if (mine && who(data)) this.dropPeer(who(data));
        return;
      case 'call.missed':
        if (this.ringing && this.ringing.id === callId) this.stopRinging();
        if (mine) { toast.info('No answer'); this.teardown(); } else toast.info('Missed call');
        this.app.loadCounts();
        return;
      case 'call.signal':
        if (mine) this.signal(data);
    }
  }

  ring(call) {
    this.ringing = call;
    const from = call.initiator;
    const label = h('p', { class: 'call-who' }, 'Incoming call');
    if (from) profile(from).then(p => { label.textContent = `${displayName(p)} is calling`; });
    const acceptBtn = h('button', { class: 'btn call-accept', onClick: () => this.accept(call) }, call.type === 'video' ? 'Accept video' : 'Accept');
    replace(this.app.callLayer, h('div', { class: 'ring-card', role: 'alertdialog', 'aria-label': 'Incoming call', 'data-state': 'ringing' },
      h('div', { class: 'ring-pulse', 'aria-hidden': 'true' }, call.type === 'video' ? icon('video') : icon('phone')), label,
      h('p', { class: 'muted' }, call.type === 'video' ? 'Video call' : 'Audio call'),
      h('div', { class: 'ring-actions' }, h('button', { class: 'btn danger call-reject', onClick: () => this.reject(call) }, 'Decline'), acceptBtn)));
    acceptBtn.focus();
  }

  stopRinging() {
    this.ringing = null;
    if (!this.active) replace(this.app.callLayer);
  }

  async accept(call) {
    this.ringing = null;
    try {
      const answer = await post(`/calls/${call.id}/accept`, { deviceId: DEVICE_ID });
      const fresh = answer && (answer.call || answer);
      await this.enter(fresh && fresh.id ? fresh : call, call.type);
      this.active.joined.add(state.me.id);
      this.setStatus('connecting', 'Connecting…');
      for (const userId of this.active.joined) if (userId !== state.me.id) this.offer(userId);
    } catch (e) {
      toast.error(e.message);
      this.teardown();
    }
  }

  async reject(call) {
    this.stopRinging();
    post(`/calls/${call.id}/reject`).catch(e => toast.error(e.message));
  }

  async hangUp() {
    const a = this.active;
    if (!a) return;
    for (const userId of a.peers.keys()) this.send(userId, 'hangup', {});
    post(`/calls/${a.call.id}/end`).catch(() => {});
    this.teardown();
  }

  hangUpAll() { if (this.active) this.hangUp(); }

  peer(userId, device) {
    const a = this.active;
    let p = a.peers.get(userId);
    if (p) return p;
    const pc = new RTCPeerConnection({ iceServers: a.iceServers });
    p = { pc, device, queue: [] };
    a.peers.set(userId, p);
    if (a.local) a.local.getTracks().forEach(t => pc.addTrack(t, a.local));
    else { pc.addTransceiver('audio', { direction: 'recvonly' }); if (a.type === 'video') pc.addTransceiver('video', { direction: 'recvonly' }); }
    pc.onicecandidate = e => e.candidate && this.send(userId, 'ice', e.candidate.toJSON());
    pc.ontrack = e => this.showRemote(userId, e.streams[0] || new MediaStream([e.track]));
    pc.onconnectionstatechange = () => {
      this.markPeer(userId, pc.connectionState);
      if (pc.connectionState === 'connected') this.setStatus('connected', 'Connected');
      if (pc.connectionState === 'failed') this.setStatus('failed', 'Connection failed');
    };
    return p;
  }

  async offer(userId) {
    const p = this.peer(userId, null);
    const offer = await p.pc.createOffer();
    await p.pc.setLocalDescription(offer);
    this.send(userId, 'offer', { type: offer.type, sdp: offer.sdp });
  }

  async signal({ from, fromDevice, kind, payload, toDevice }) {
    const a = this.active;
    if (!from || from === state.me.id || (toDevice && toDevice !== DEVICE_ID)) return;
    const known = a.peers.get(from);
    if (known && known.device && fromDevice && known.device !== fromDevice) return; // another device of that user
    if (kind === 'hangup') {
      this.dropPeer(from);
      return;
    }
    const p = this.peer(from, fromDevice);
    if (!p.device) p.device = fromDevice;
    try {
      if (kind === 'offer') {
        a.joined.add(from);
        await p.pc.setRemoteDescription(payload);
        const answer = await p.pc.createAnswer();
        await p.pc.setLocalDescription(answer);
        this.send(from, 'answer', { type: answer.type, sdp: answer.sdp });
        this.setStatus('connecting', 'Connecting…');
      } else if (kind === 'answer') {
        await p.pc.setRemoteDescription(payload);
      } else if (kind === 'ice') {
        if (p.pc.remoteDescription) await p.pc.addIceCandidate(payload); else p.queue.push(payload);
        return;
      }
      for (const c of p.queue.splice(0)) await p.pc.addIceCandidate(c).catch(() => {});
    } catch (e) {
      console.warn('call signal failed', e);
    }
  }

  dropPeer(userId) {
    const a = this.active;
    const p = a && a.peers.get(userId);
    if (p) { p.pc.close(); a.peers.delete(userId); this.removeRemote(userId); }
    if (a && a.peers.size === 0 && (a.call.participants || []).length <= 2) this.teardown();
  }

  send(to, kind, payload) {
    const p = this.active.peers.get(to);
    const body = { callId: this.active.call.id, to, kind, payload, toDevice: p && p.device ? p.device : undefined };
    this.app.bridge.post('client.call.signal', body);
  }

  render() {
    const a = this.active;
    this.status = h('p', { class: 'call-status', 'data-testid': 'call-status', role: 'status' }, 'Starting…');
    this.grid = h('div', { class: 'call-grid' });
    const localVideo = h('video', { class: 'local-video', autoplay: true, muted: true, playsinline: true, 'aria-label': 'Your camera' });
    if (a.local) { localVideo.srcObject = a.local; localVideo.muted = true; }
    const chat = state.chats.get(a.call.chatId);
    this.card = h('div', { class: 'call-card', role: 'dialog', 'aria-label': 'Call', 'data-state': 'starting', 'data-call': a.call.id },
      h('div', { class: 'call-top' }, h('h2', {}, chat ? this.app.chatTitle(chat) : 'Call'), this.status),
      this.grid, a.type === 'video' && a.local ? localVideo : null,
      h('div', { class: 'call-controls' },
        h('button', { class: 'icon-btn round', 'aria-label': 'Mute microphone', 'aria-pressed': 'false', onClick: e => this.toggle('audio', e.currentTarget) }, icon('mic')),
        a.type === 'video' ? h('button', { class: 'icon-btn round', 'aria-label': 'Turn camera off', 'aria-pressed': 'false', onClick: e => this.toggle('video', e.currentTarget) }, icon('video')) : null,
        h('button', { class: 'icon-btn round danger hangup', 'aria-label': 'Hang up', onClick: () => this.hangUp() }, icon('hangup'))));
    replace(this.app.callLayer, this.card);
  }

  toggle(kind, button) {
    const tracks = this.active && this.active.local ? (kind === 'audio' ? this.active.local.getAudioTracks() : this.active.local.getVideoTracks()) : [];
    const off = button.getAttribute('aria-pressed') !== 'true';
    tracks.forEach(t => { t.enabled = !off; });
    button.setAttribute('aria-pressed', String(off));
  }

  setStatus(s, text) {
    if (!this.card) return;
    if (this.card.dataset.state === 'connected' && s === 'connecting') return;
    this.card.dataset.state = s;
    this.status.textContent = text;
  }

  showRemote(userId, stream) {
    let tile = this.grid.querySelector(`[data-user="${CSS.escape(userId)}"]`);
    if (!tile) {
      const media = h(this.active.type === 'video' ? 'video' : 'audio', { class: 'remote', autoplay: true, playsinline: true });
      tile = h('div', { class: 'tile', 'data-user': userId }, media, h('span', { class: 'tile-name' }));
      profile(userId).then(p => { tile.querySelector('.tile-name').textContent = displayName(p); });
      if (this.active.type !== 'video') tile.prepend(avatar(state.profiles.get(userId), 'lg'));
      this.grid.append(tile);
    }
    const media = tile.querySelector('.remote');
    if (media.srcObject !== stream) media.srcObject = stream;
    const p = this.active.peers.get(userId);
    if (p) this.markPeer(userId, p.pc.connectionState);
  }

  /** Each participant's tile shows how far its own peer connection got (a group call is one connection per pair). */
  markPeer(userId, connectionState) {
    const tile = this.grid && this.grid.querySelector(`[data-user="${CSS.escape(userId)}"]`);
    if (tile) tile.dataset.peerState = connectionState;
  }

  removeRemote(userId) {
    const tile = this.grid && this.grid.querySelector(`[data-user="${CSS.escape(userId)}"]`);
    if (tile) tile.remove();
  }

  teardown() {
    const a = this.active;
    this.active = null;
    this.card = null;
    if (a) {
      for (const p of a.peers.values()) p.pc.close();
      if (a.local) a.local.getTracks().forEach(t => t.stop());
    }
    if (!this.ringing) replace(this.app.callLayer);
  }
}
