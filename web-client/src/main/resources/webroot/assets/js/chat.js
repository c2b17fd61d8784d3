// One open chat: history by seq, live messages, typing, read ticks, edit/delete/star, attachments.
import { h, replace, linkify, avatar, displayName, time, bytes, uuid } from './dom.js';
import { get, post, patch, del, upload } from './api.js';
import { state, thread, profile, otherParticipant } from './state.js';
import { icon } from './icons.js';
import { attachmentView } from './attachments.js';
import * as panels from './panels.js';
import { toast } from './toast.js';

const PAGE = 50;

export class ChatView {
  constructor(app, chat) {
    this.app = app;
    this.chat = chat;
    this.chatId = chat.id;
    this.thread = thread(chat.id);
    this.rows = new Map(); // seq or clientMsgId -> element
    this.typers = new Map();
    this.build();
    this.load();
    this.stopEvents = app.events.on({
      'message.edited': data => this.ifMine(data, () => this.rerender(data.seq)),
      'message.deleted': data => this.ifMine(data, () => this.rerender(data.seq)),
      'message.read': data => this.ifMine(data, () => this.renderTicks()),
      'chat.typing': data => this.ifMine(data, () => this.typing(data.userId)),
      'presence': () => this.presenceChanged(),
    });
  }

  /** Runs what an event asks of this view only when the event is about this chat. */
  ifMine(data, then) {
    if (data && data.chatId === this.chatId) then();
  }

  build() {
    this.title = h('h2', { class: 'chat-title', id: 'chat-title' });
    this.subtitle = h('p', { class: 'chat-sub muted', 'aria-live': 'polite' });
    this.headAvatar = h('span', { class: 'av-wrap' });
    this.pinBtn = h('button', { class: 'icon-btn', onClick: () => this.togglePin() }, icon('pin'));
    this.log = h('div', { class: 'messages', role: 'log', 'aria-labelledby': 'chat-title', 'aria-live': 'polite', tabindex: '0' });
    this.earlier = h('button', { class: 'btn ghost small load-earlier', onClick: () => this.loadEarlier() }, 'Load earlier messages');
    this.list = h('div', { class: 'msg-list' });
    this.log.append(this.earlier, this.list);
    this.input = h('textarea', { id: 'composer', rows: '1', placeholder: 'Write a message', 'aria-label': 'Message', maxlength: '16000' });
    this.input.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); this.submit(); }
      if (e.key === 'Escape' && this.editing) this.stopEditing();
    });
    this.input.addEventListener('input', () => { this.autosize(); this.sendTyping(); });
    this.file = h('input', { type: 'file', id: 'attach-input', class: 'visually-hidden', multiple: true });
    this.file.addEventListener('change', () => { this.attach([...this.file.files]); this.file.value = ''; });
    this.progress = h('div', { class: 'uploads', 'aria-live': 'polite' });
    this.editBar = h('div', { class: 'edit-bar', hidden: true });
    this.composer = h('form', { class: 'composer' },
      h('label', { for: 'attach-input', class: 'icon-btn', title: 'Attach a file', tabindex: '0', role: 'button', 'aria-label': 'Attach a file',
        onKeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.file.click(); } } }, icon('attach')),
      this.file, this.input,
      h('button', { type: 'submit', class: 'icon-btn send', 'aria-label': 'Send' }, icon('send')));
    this.composer.addEventListener('submit', e => { e.preventDefault(); this.submit(); });
    this.el = h('section', { class: 'chat', 'aria-labelledby': 'chat-title', 'data-chat': this.chatId },
      h('header', { class: 'chat-head' },
        h('button', { class: 'icon-btn back', 'aria-label': 'Back to chats', onClick: () => this.app.closeChat() }, icon('back')),
        this.headAvatar, h('div', { class: 'chat-head-text' }, this.title, this.subtitle),
        h('div', { class: 'chat-actions' },
          h('button', { class: 'icon-btn', 'aria-label': 'Audio call', title: 'Audio call', onClick: () => this.app.calls.start(this.chat, 'audio') }, icon('phone')),
          h('button', { class: 'icon-btn', 'aria-label': 'Video call', title: 'Video call', onClick: () => this.app.calls.start(this.chat, 'video') }, icon('video')),
          this.pinBtn,
          h('button', { class: 'icon-btn', 'aria-label': 'Chat details', title: 'Details', onClick: () => panels.infoPanel(this.app, this.chat) }, icon('info')))),
      this.log, this.editBar, this.progress, this.composer);
    this.el.addEventListener('dragover', e => e.preventDefault());
    this.el.addEventListener('drop', e => { e.preventDefault(); this.attach([...e.dataTransfer.files]); });
    this.onVisible = () => document.visibilityState === 'visible' && this.markRead();
    document.addEventListener('visibilitychange', this.onVisible);
    this.renderHeader();
  }

  focus() { this.input.focus(); }

  close() {
    this.stopEvents();
    document.removeEventListener('visibilitychange', this.onVisible);
    for (const timer of this.typers.values()) clearTimeout(timer);
  }

  renderHeader() {
    const chat = this.chat;
    this.title.textContent = this.app.chatTitle(chat);
    const other = !chat.isGroup ? otherParticipant(chat) : null;
    replace(this.headAvatar, chat.isGroup ? h('span', { class: 'avatar avatar-md group-avatar', 'aria-hidden': 'true' }, '#')
      : avatar(state.profiles.get(other), 'md'), other ? this.app.presenceDot(other) : null);
    this.pinBtn.setAttribute('aria-label', chat.pinned ? 'Unpin chat' : 'Pin chat');
    this.pinBtn.setAttribute('aria-pressed', chat.pinned ? 'true' : 'false');
    this.pinBtn.title = chat.pinned ? 'Unpin' : 'Pin';
    this.renderSubtitle();
    if (other && !state.profiles.has(other)) profile(other).then(() => this.renderHeader());
  }

  renderSubtitle() {
    const typing = [...this.typers.keys()].map(id => displayName(state.profiles.get(id)).split(' ')[0]);
    if (typing.length) {
      this.subtitle.textContent = typing.length === 1 ? `${typing[0]} is typing…` : `${typing.join(', ')} are typing…`;
      this.subtitle.classList.add('typing');
      return;
    }
    this.subtitle.classList.remove('typing');
    if (this.chat.isGroup) {
      this.subtitle.textContent = `${(this.chat.participants || []).length} members`;
    } else {
      const p = state.profiles.get(otherParticipant(this.chat));
      this.subtitle.textContent = p && p.status === 'online' ? 'Online' : p && p.lastSeenAt ? `Last seen ${time(p.lastSeenAt)}` : p ? '@' + p.username : '';
    }
  }

  presenceChanged() { this.renderHeader(); }

  typing(userId) {
    clearTimeout(this.typers.get(userId));
    this.typers.set(userId, setTimeout(() => { this.typers.delete(userId); this.renderSubtitle(); }, 3500));
    if (!state.profiles.has(userId)) profile(userId).then(() => this.renderSubtitle());
    this.renderSubtitle();
  }

  sendTyping() {
    const now = Date.now();
    if (this.editing || !this.input.value || now - (this.lastTyping || 0) < 2000) return;
    this.lastTyping = now;
    this.app.bridge.send('client.chat.typing', { chatId: this.chatId }).catch(() => {});
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = Math.min(this.input.scrollHeight, 160) + 'px';
  }

  // ---- history ----

  async load() {
    const t = this.thread;
    try {
      if (!t.loaded) {
        const page = await get(`/chats/${this.chatId}/messages?limit=${PAGE}`);
        page.items.forEach(m => t.put(m));
        t.hasMoreBefore = page.hasMore;
        t.loaded = true;
      } else {
        const page = await get(`/chats/${this.chatId}/messages?after=${t.lastSeq}&limit=100`);
        page.items.forEach(m => t.put(m));
      }
    } catch (e) {
      toast.error(e.message);
    }
    this.renderAll();
    this.scrollToEnd();
    this.markRead();
    this.observeTop();
  }

  observeTop() {
    if (!('IntersectionObserver' in window)) return;
    this.observer = new IntersectionObserver(entries => {
      if (entries.some(e => e.isIntersecting) && this.thread.hasMoreBefore && !this.loadingEarlier) this.loadEarlier();
    }, { root: this.log });
    this.observer.observe(this.earlier);
  }

  async loadEarlier() {
    const t = this.thread;
    if (!t.hasMoreBefore || t.oldestSeq === null) return;
    this.loadingEarlier = true;
    const before = this.log.scrollHeight - this.log.scrollTop;
    try {
      const page = await get(`/chats/${this.chatId}/messages?before=${t.oldestSeq}&limit=${PAGE}`);
      page.items.forEach(m => t.put(m));
      t.hasMoreBefore = page.hasMore;
      this.renderAll();
      this.log.scrollTop = this.log.scrollHeight - before;
    } catch (e) {
      toast.error(e.message);
    } finally {
      this.loadingEarlier = false;
    }
  }

  renderAll() {
    this.earlier.hidden = !this.thread.hasMoreBefore;
    const rows = [];
    let lastDay = null;
    let prev = null;
    for (const m of this.thread.sorted()) {
      const day = new Date(m.createdAt).toDateString();
      if (day !== lastDay) {
        rows.push(h('div', { class: 'day', role: 'separator' }, h('span', {}, new Date(m.createdAt).toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric' }))));
        lastDay = day;
        prev = null;
      }
      rows.push(this.row(m, prev));
      prev = m;
    }
    for (const p of this.thread.pending.values()) rows.push(this.row(p, prev, true));
    replace(this.list, rows);
  }

  nearBottom() {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 120;
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  messageArrived(m) {
    const stick = this.nearBottom() || m.sender === state.me.id;
    const pendingRow = m.clientMsgId && this.rows.get(m.clientMsgId);
    const existing = this.rows.get(m.seq);
    const t = this.thread;
    const sorted = t.sorted();
    const newest = sorted[sorted.length - 1];
    if (existing) {
      existing.replaceWith(this.row(t.bySeq.get(m.seq), t.bySeq.get(m.seq - 1)));
      if (pendingRow) pendingRow.remove();
    } else if (newest && newest.seq === m.seq && !pendingRow && this.list.lastElementChild && this.rows.has(m.seq - 1)) {
      this.list.append(this.row(t.bySeq.get(m.seq), t.bySeq.get(m.seq - 1)));
    } else {
      this.renderAll();
    }
    if (stick) this.scrollToEnd();
    // Someone else's message is their read receipt for everything before it.
    if (m.sender !== state.me.id) this.renderTicks();
    this.markRead();
  }

  rerender(seq) {
    const row = this.rows.get(seq);
    const m = this.thread.bySeq.get(seq);
    if (row && m) row.replaceWith(this.row(m, this.thread.bySeq.get(seq - 1)));
  }

  markRead() {
    const last = this.thread.lastSeq;
    if (!last || document.visibilityState !== 'visible' || state.openChatId !== this.chatId) return;
    const mine = this.thread.pointers.get(state.me.id) || 0;
    const chat = state.chats.get(this.chatId);
    if (mine >= last && !(chat && chat.unreadCount)) return;
    this.thread.read(state.me.id, last);
    if (chat) { chat.unreadCount = 0; this.app.renderListSoon(); }
    this.app.bridge.send('client.chat.read', { chatId: this.chatId, seq: last })
      .catch(() => post(`/chats/${this.chatId}/read`, { seq: last }).catch(() => {}));
  }

  renderTicks() {
    for (const [key, row] of this.rows) {
      if (typeof key !== 'number') continue;
      const m = this.thread.bySeq.get(key);
      const tick = row.querySelector('.ticks');
      if (m && tick) setTicks(tick, this.thread.isRead(m));
    }
  }

  // ---- one message ----

  row(m, prev, pending = false) {
    const mine = m.sender === state.me.id;
    const grouped = prev && prev.sender === m.sender && !prev.deleted && (Date.parse(m.createdAt) - Date.parse(prev.createdAt)) < 5 * 60_000;
    const sender = state.profiles.get(m.sender);
    if (!sender && !mine) profile(m.sender).then(() => this.rerender(m.seq));
    const bubble = h('div', { class: 'bubble' });
    if (this.chat.isGroup && !mine && !grouped) bubble.append(h('div', { class: 'sender' }, displayName(sender)));
    if (m.deleted) {
      bubble.append(h('p', { class: 'deleted' }, 'This message was deleted'));
    } else {
      for (const a of m.attachments || []) bubble.append(attachmentView(a));
      if (m.content) bubble.append(h('p', { class: 'text' + (m.type === 'emoji' ? ' emoji' : '') }, linkify(m.content)));
    }
    const starred = (m.starredBy || []).includes(state.me.id);
    const meta = h('div', { class: 'meta' },
      starred ? h('span', { class: 'star-mark', 'aria-label': 'Starred' }, '★') : null,
      m.editedAt && !m.deleted ? h('span', { class: 'edited' }, 'edited') : null,
      h('time', { datetime: m.createdAt || '' }, pending ? 'sending…' : time(m.createdAt)),
      mine && !pending ? setTicks(h('span', { class: 'ticks' }), this.thread.isRead(m)) : null);
    bubble.append(meta);
    const actions = m.deleted || pending ? null : h('div', { class: 'msg-actions', role: 'toolbar', 'aria-label': 'Message actions' },
      h('button', { class: 'mini' + (starred ? ' on' : ''), 'aria-label': starred ? 'Unstar' : 'Star', title: starred ? 'Unstar' : 'Star', onClick: () => this.star(m, !starred) }, icon('star')),
      mine && ['text', 'link', 'emoji'].includes(m.type) || mine && m.content ? h('button', { class: 'mini', 'aria-label': 'Edit', title: 'Edit', onClick: () => this.startEditing(m) }, icon('edit')) : null,
      mine ? h('button', { class: 'mini', 'aria-label': 'Delete', title: 'Delete', onClick: () => this.remove(m) }, icon('trash')) : null);
    const el = h('div', {
      class: `msg${mine ? ' mine' : ''}${grouped ? ' grouped' : ''}${pending ? ' pending' : ''}`,
      'data-seq': pending ? null : m.seq, 'data-client-id': m.clientMsgId, tabindex: '-1', id: pending ? null : `m-${this.chatId}-${m.seq}`,
    }, !mine && this.chat.isGroup ? (grouped ? h('span', { class: 'avatar-gap' }) : avatar(sender, 'sm')) : null, bubble, actions);
    this.rows.set(pending ? m.clientMsgId : m.seq, el);
    return el;
  }

  async star(m, on) {
    try {
      await post(`/messages/${m.id}/${on ? 'star' : 'unstar'}`);
      this.thread.put({ ...m, starredBy: on ? [state.me.id] : [] });
      this.rerender(m.seq);
    } catch (e) { toast.error(e.message); }
  }

  async remove(m) {
    if (!confirm('Delete this message for everyone?')) return;
    try {
      await del('/messages/' + m.id);
    } catch (e) { toast.error(e.message); }
  }

  startEditing(m) {
    this.editing = m;
    this.editBar.hidden = false;
    replace(this.editBar, h('span', {}, 'Editing message'), h('button', { class: 'linklike', onClick: () => this.stopEditing() }, 'Cancel'));
    this.input.value = m.content || '';
    this.autosize();
    this.input.focus();
  }

  stopEditing() {
    this.editing = null;
    this.editBar.hidden = true;
    this.input.value = '';
    this.autosize();
  }

  async togglePin() {
    try {
      const chat = await post(`/chats/${this.chatId}/${this.chat.pinned ? 'unpin' : 'pin'}`);
      Object.assign(this.chat, chat);
      state.chats.set(this.chatId, this.chat);
      this.renderHeader();
      this.app.renderList();
    } catch (e) { toast.error(e.message); }
  }

  // ---- sending ----

  async submit() {
    const text = this.input.value.trim();
    if (!text) return;
    if (this.editing) {
      const m = this.editing;
      this.stopEditing();
      try { await patch('/messages/' + m.id, { content: text }); } catch (e) { toast.error(e.message); }
      return;
    }
    this.input.value = '';
    this.autosize();
    const type = /^(\p{Extended_Pictographic}|\s)+$/u.test(text) && text.length <= 16 ? 'emoji' : 'text';
    await this.send({ type, content: text });
  }

  /** Sends over the socket (REST when it is down) with a clientMsgId, so a retry never makes a second copy. */
  async send(body) {
    const clientMsgId = uuid();
    const pending = { ...body, clientMsgId, sender: state.me.id, createdAt: new Date().toISOString(), attachments: body.attachments || [] };
    delete pending.attachmentIds;
    this.thread.pending.set(clientMsgId, pending);
    this.list.append(this.row(pending, null, true));
    this.scrollToEnd();
    const payload = { chatId: this.chatId, clientMsgId, type: body.type, content: body.content || '', attachmentIds: body.attachmentIds };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const message = this.app.bridge.state === 'open'
          ? await this.app.bridge.send('client.chat.send', payload)
          : await post(`/chats/${this.chatId}/messages`, payload);
        this.app.messageArrived(message);
        return;
      } catch (e) {
        if (e.status && e.status !== 429 && e.status < 500) {
          this.thread.pending.delete(clientMsgId);
          const row = this.rows.get(clientMsgId);
          if (row) row.remove();
          toast.error(e.message);
          return;
        }
        await new Promise(r => setTimeout(r, 1000 * (attempt + 1)));
      }
    }
    toast.error('Could not send the message. It will not be lost: it stays here until you reload.');
  }

  async attach(files) {
    for (const file of files) {
      const bar = h('progress', { max: '1', value: '0', 'aria-label': `Uploading ${file.name}` });
      const item = h('div', { class: 'upload' }, h('span', { class: 'upload-name' }, file.name), h('span', { class: 'muted' }, bytes(file.size)), bar);
      this.progress.append(item);
      try {
        const media = await upload(file, 'attachment', this.chatId, p => { bar.value = p; });
        const kind = ['image', 'video', 'audio'].includes(media.type) ? media.type : 'file';
        await this.send({ type: kind, content: '', attachmentIds: [media.id], attachments: [media] });
      } catch (e) {
        toast.error(`${file.name}: ${e.message}`);
      } finally {
        item.remove();
      }
    }
  }
}

function setTicks(el, read) {
  el.textContent = read ? '✓✓' : '✓';
  el.classList.toggle('read', read);
  el.setAttribute('aria-label', read ? 'Read' : 'Sent');
  el.dataset.state = read ? 'read' : 'sent';
  return el;
}
