// The signed-in app: the chat list, the open chat, the side panels, live events and reconnection.
import { h, replace, avatar, displayName, time } from './dom.js';
import { get, post, allAfter } from './api.js';
import { session, setSession, setUser } from './session.js';
import { Bridge } from './bridge.js';
import { state, thread, profile, rememberProfile, otherParticipant, sortedChats } from './state.js';
import { ChatView } from './chat.js';
import { AiView } from './ai.js';
import { Calls, DEVICE_ID } from './calls.js';
import * as panels from './panels.js';
import { toast } from './toast.js';

export const AI_CHAT = 'ai';

export class App {
  constructor(root) {
    this.root = root;
    state.me = session().user;
    rememberProfile(state.me);
    this.bridge = new Bridge();
    this.bridge.deviceId = DEVICE_ID;
    this.calls = new Calls(this);
    this.build();
    this.bridge.addEventListener('event', e => this.onEvent(e.detail));
    this.bridge.addEventListener('state', e => this.onBridgeState(e.detail));
    this.bridge.addEventListener('open', () => this.catchUp());
    this.bridge.start();
    this.loadChats();
    this.loadCounts();
    get('/chats/ai/messages?limit=1').then(a => { state.aiChatId = a.chatId; state.aiAssistantId = a.assistantId; this.renderListSoon(); }).catch(() => {});
    get('/users/me').then(me => { state.me = me; rememberProfile(me); setUser(me); this.renderMe(); }).catch(() => {});
  }

  destroy() {
    this.bridge.stop();
    this.calls.hangUpAll();
    clearInterval(this.bannerTimer);
  }

  build() {
    this.banner = h('div', { class: 'banner', role: 'status', 'aria-live': 'polite', hidden: true });
    this.meButton = h('button', { class: 'icon-btn me-btn', 'aria-label': 'My profile', onClick: () => panels.profilePanel(this) });
    this.bellBadge = h('span', { class: 'badge', hidden: true, 'data-testid': 'notif-count' });
    this.search = h('input', { type: 'search', id: 'chat-search', placeholder: 'Search chats and messages', autocomplete: 'off', 'aria-label': 'Search chats and messages' });
    this.search.addEventListener('input', () => this.onSearch());
    this.search.addEventListener('keydown', e => { if (e.key === 'Enter') panels.messageSearch(this, this.search.value); });
    this.list = h('ul', { class: 'chat-list', role: 'list', 'aria-label': 'Chats' });
    this.sidebar = h('aside', { class: 'sidebar', 'aria-label': 'Chats' },
      h('div', { class: 'side-head' },
        this.meButton,
        h('h1', { class: 'side-title' }, 'Chats'),
        h('div', { class: 'side-actions' },
          h('button', { class: 'icon-btn', 'aria-label': 'People and friend requests', title: 'People', onClick: () => panels.peoplePanel(this) }, icon('people')),
          h('button', { class: 'icon-btn', 'aria-label': 'Groups', title: 'Groups', onClick: () => panels.groupsPanel(this) }, icon('group')),
          h('button', { class: 'icon-btn bell', 'aria-label': 'Notifications', title: 'Notifications', onClick: () => panels.notificationsPanel(this) }, icon('bell'), this.bellBadge))),
      h('div', { class: 'search-box' }, this.search),
      h('nav', { class: 'chat-list-wrap', 'aria-label': 'Chat list' }, this.list));
    this.pane = h('main', { class: 'pane', id: 'main' }, this.emptyState());
    this.panelLayer = h('div', { class: 'panel-layer' });
    this.callLayer = h('div', { class: 'call-layer' });
    this.shell = h('div', { class: 'app' }, this.sidebar, this.pane);
    replace(this.root, h('a', { class: 'skip', href: '#main' }, 'Skip to chat'), this.banner, this.shell, this.panelLayer, this.callLayer, toast.region);
    this.renderMe();
    document.addEventListener('keydown', e => {
      if (e.key === 'Escape' && this.panelLayer.firstChild) panels.closePanel(this);
    });
  }

  emptyState() {
    return h('div', { class: 'empty' }, h('div', { class: 'empty-art', 'aria-hidden': 'true' }, icon('chat')),
      h('h2', {}, 'Pick a chat'), h('p', { class: 'muted' }, 'Or find people to talk to.'),
      h('button', { class: 'btn primary', onClick: () => panels.peoplePanel(this) }, 'Find people'));
  }

  renderMe() {
    replace(this.meButton, avatar(state.me, 'sm'));
  }

  // ---- connection ----------------------------------------------------------------------------------------------

  onBridgeState(s) {
    clearInterval(this.bannerTimer);
    document.body.dataset.connection = s;
    if (s === 'open') {
      this.banner.hidden = true;
      return;
    }
    if (s === 'idle') return;
    const render = () => {
      const left = Math.max(0, Math.ceil((this.bridge.retryAt - Date.now()) / 1000));
      replace(this.banner, h('span', { class: 'dot' }),
        s === 'connecting' ? 'Connecting…' : navigator.onLine === false ? 'You are offline. Messages will arrive when you are back.'
          : `Connection lost. Reconnecting in ${left}s…`,
        s === 'closed' ? h('button', { class: 'linklike', onClick: () => this.bridge.reconnectNow() }, 'Retry now') : null);
    };
    render();
    this.banner.hidden = false;
    if (s === 'closed') this.bannerTimer = setInterval(render, 1000);
  }

  /** After a (re)connect: fetch what every loaded chat missed (after its last seq) and refresh the list. */
  async catchUp() {
    if (!this.connectedOnce) {
      this.connectedOnce = true;
      return;
    }
    await this.loadChats();
    this.loadCounts();
    for (const t of state.threads.values()) {
      if (!t.loaded || t.chatId === AI_CHAT) continue;
      try {
        const missed = await allAfter(`/chats/${t.chatId}/messages`, t.lastSeq);
        for (const m of missed) this.messageArrived(m, false);
      } catch (e) { /* the chat may be gone */ }
    }
    if (this.view && this.view.markRead) this.view.markRead();
  }

  // ---- chats ---------------------------------------------------------------------------------------------------

  async loadChats() {
    try {
      const page = await get('/chats?limit=100');
      state.chats = new Map(page.items.map(c => [c.id, c]));
      this.renderList();
    } catch (e) {
      toast.error(e.message);
    }
  }

  async loadCounts() {
    try {
      state.notificationsUnread = (await get('/notifications/unread-count')).count;
      this.renderBell();
    } catch { /* shown next time */ }
  }

  renderBell() {
    this.bellBadge.hidden = !state.notificationsUnread;
    this.bellBadge.textContent = state.notificationsUnread > 99 ? '99+' : String(state.notificationsUnread);
  }

  renderList() {
    const q = this.search.value.trim().toLowerCase();
    const items = [this.aiItem()];
    const chats = this.searchResults && q ? this.searchResults : sortedChats();
    for (const chat of chats) if (chat.id !== state.aiChatId) items.push(this.chatItem(chat));
    replace(this.list, items);
  }

  aiItem() {
    const active = state.openChatId === AI_CHAT;
    return h('li', {}, h('button', { class: 'chat-item ai' + (active ? ' active' : ''), 'aria-current': active ? 'page' : null, 'data-chat': AI_CHAT, onClick: () => this.openChat(AI_CHAT) },
      h('span', { class: 'avatar avatar-md ai-avatar', 'aria-hidden': 'true' }, '✦'),
      h('span', { class: 'ci-body' }, h('span', { class: 'ci-top' }, h('span', { class: 'ci-name' }, 'Assistant'), h('span', { class: 'pin', 'aria-label': 'Pinned' }, icon('pin'))),
        h('span', { class: 'ci-preview muted' }, 'Ask anything'))));
  }

  chatItem(chat) {
    const active = state.openChatId === chat.id;
    const title = this.chatTitle(chat);
    const last = chat.lastMessage;
    let preview = last ? previewOf(last) : 'No messages yet';
    if (last && chat.isGroup) preview = (last.sender === state.me.id ? 'You' : displayName(state.profiles.get(last.sender)).split(' ')[0]) + ': ' + preview;
    else if (last && last.sender === state.me.id) preview = 'You: ' + preview;
    const av = chat.isGroup ? h('span', { class: 'avatar avatar-md group-avatar', 'aria-hidden': 'true' }, '#')
      : avatar(state.profiles.get(otherParticipant(chat)), 'md');
    const presence = !chat.isGroup ? this.presenceDot(otherParticipant(chat)) : null;
    const button = h('button', {
      class: 'chat-item' + (active ? ' active' : '') + (chat.unreadCount ? ' unread' : ''), 'data-chat': chat.id,
      'aria-current': active ? 'page' : null,
      'aria-label': `${title}${chat.unreadCount ? `, ${chat.unreadCount} unread` : ''}${chat.pinned ? ', pinned' : ''}`,
      onClick: () => this.openChat(chat.id),
    },
    h('span', { class: 'av-wrap' }, av, presence),
    h('span', { class: 'ci-body' },
      h('span', { class: 'ci-top' }, h('span', { class: 'ci-name' }, title),
        chat.pinned ? h('span', { class: 'pin', title: 'Pinned' }, icon('pin')) : null,
        h('span', { class: 'ci-time muted' }, time(last ? last.createdAt : chat.updatedAt))),
      h('span', { class: 'ci-bottom' }, h('span', { class: 'ci-preview muted' }, preview),
        chat.unreadCount ? h('span', { class: 'badge', 'data-testid': 'unread' }, String(chat.unreadCount)) : null)));
    if (!chat.isGroup && !state.profiles.has(otherParticipant(chat))) {
      profile(otherParticipant(chat)).then(() => this.renderListSoon());
    }
    if (chat.isGroup && last && last.sender !== state.me.id && !state.profiles.has(last.sender)) {
      profile(last.sender).then(() => this.renderListSoon());
    }
    return h('li', {}, button);
  }

  presenceDot(userId) {
    const p = state.profiles.get(userId);
    const online = p && p.status === 'online';
    return h('span', { class: 'presence' + (online ? ' online' : ''), title: online ? 'Online' : 'Offline', 'aria-label': online ? 'online' : 'offline' });
  }

  renderListSoon() {
    if (this.listTimer) return;
    this.listTimer = requestAnimationFrame(() => { this.listTimer = null; this.renderList(); });
  }

  chatTitle(chat) {
    if (chat.id === AI_CHAT) return 'Assistant';
    if (chat.isGroup) return chat.name || 'Group';
    return displayName(state.profiles.get(otherParticipant(chat)));
  }

  async onSearch() {
    const q = this.search.value.trim();
    clearTimeout(this.searchTimer);
    if (!q) {
      this.searchResults = null;
      return this.renderList();
    }
    this.searchTimer = setTimeout(async () => {
      try {
        this.searchResults = (await get('/chats/search?q=' + encodeURIComponent(q))).items;
        this.renderList();
      } catch (e) { toast.error(e.message); }
    }, 200);
  }

  async openChat(chatId, { focusSeq } = {}) {
    if (this.view) this.view.close();
    state.openChatId = chatId;
    this.shell.classList.add('chat-open');
    if (chatId === AI_CHAT) {
      this.view = new AiView(this);
    } else {
      let chat = state.chats.get(chatId);
      if (!chat) {
        chat = await get('/chats/' + chatId);
        state.chats.set(chat.id, chat);
      }
      this.view = new ChatView(this, chat, { focusSeq });
    }
    replace(this.pane, this.view.el);
    this.renderList();
    this.view.focus();
  }

  closeChat() {
    if (this.view) this.view.close();
    this.view = null;
    state.openChatId = null;
    this.shell.classList.remove('chat-open');
    replace(this.pane, this.emptyState());
    this.renderList();
    const first = this.list.querySelector('button');
    if (first) first.focus();
  }

  async openDirect(userId) {
    const chat = await post('/chats', { participantId: userId });
    state.chats.set(chat.id, { ...(state.chats.get(chat.id) || {}), ...chat });
    panels.closePanel(this);
    this.openChat(chat.id);
  }

  // ---- live events ---------------------------------------------------------------------------------------------

  messageArrived(m, live = true) {
    if (m.chatId && m.chatId === state.aiChatId) {
      if (this.view instanceof AiView) this.view.messageArrived(m);
      return;
    }
    const t = state.threads.get(m.chatId);
    const isNew = t ? t.put(m) : true;
    const chat = state.chats.get(m.chatId);
    if (chat && isNew && (!chat.lastMessage || chat.lastMessage.seq <= m.seq)) {
      chat.lastMessage = m;
      chat.updatedAt = m.createdAt;
      chat.lastSeq = m.seq;
      const viewing = state.openChatId === m.chatId && document.visibilityState === 'visible';
      if (m.sender !== state.me.id && !viewing && live) chat.unreadCount = (chat.unreadCount || 0) + 1;
      if (m.sender === state.me.id) chat.unreadCount = 0;
    }
    if (!chat) this.loadChats();
    if (this.view && this.view.chatId === m.chatId) this.view.messageArrived(m);
    this.renderListSoon();
  }

  onEvent({ type, data }) {
    switch (type) {
      case 'message.new': return this.messageArrived(data);
      case 'message.edited':
      case 'message.deleted': {
        const t = state.threads.get(data.chatId);
        if (t && t.bySeq.has(data.seq)) t.put({ ...t.bySeq.get(data.seq), ...data, ...(data.deleted ? { content: '', attachments: [], links: [] } : {}) });
        const chat = state.chats.get(data.chatId);
        if (chat && chat.lastMessage && chat.lastMessage.seq === data.seq) {
          chat.lastMessage = { ...chat.lastMessage, ...data };
          this.renderListSoon();
        }
        if (this.view && this.view.chatId === data.chatId) this.view.rerender(data.seq);
        return;
      }
      case 'message.read': {
        thread(data.chatId).read(data.userId, data.seq);
        if (data.userId === state.me.id) {
          const chat = state.chats.get(data.chatId);
          if (chat) { chat.unreadCount = Math.max(0, (chat.lastSeq || 0) - data.seq); this.renderListSoon(); }
        }
        if (this.view && this.view.chatId === data.chatId) this.view.renderTicks();
        return;
      }
      case 'chat.typing':
        if (this.view && this.view.chatId === data.chatId) this.view.typing(data.userId);
        return;
      case 'chat.created':
      case 'chat.updated':
        state.chats.set(data.id, { ...(state.chats.get(data.id) || {}), ...data });
        return this.renderListSoon();
      case 'presence': {
        const p = state.profiles.get(data.userId) || { id: data.userId };
        state.profiles.set(data.userId, { ...p, status: data.status, lastSeenAt: data.lastSeenAt });
        this.renderListSoon();
        if (this.view && this.view.presenceChanged) this.view.presenceChanged(data.userId);
        return;
      }
      case 'notification.new':
        state.notificationsUnread++;
        this.renderBell();
        panels.refreshIfOpen(this, 'notifications');
        return;
      case 'friend_request.new':
        toast.info(`${displayName(data.senderProfile)} wants to be friends`, { action: 'View', onAction: () => panels.peoplePanel(this, 'requests') });
        panels.refreshIfOpen(this, 'people');
        return;
      case 'friend_request.accepted':
        if (data.sender === state.me.id) toast.info(`${displayName(data.receiverProfile)} accepted your friend request`);
        panels.refreshIfOpen(this, 'people');
        return;
      case 'friend_request.rejected':
      case 'friend_request.cancelled':
      case 'friend.removed':
        panels.refreshIfOpen(this, 'people');
        return;
      case 'group.invite':
        toast.info(`${displayName(data.senderProfile)} invited you to ${data.group ? data.group.name : 'a group'}`, { action: 'View', onAction: () => panels.groupsPanel(this) });
        panels.refreshIfOpen(this, 'groups');
        return;
      case 'group.updated':
      case 'group.member_joined':
      case 'group.member_left':
      case 'group.deleted': {
        const groupId = data.groupId || data.id;
        panels.refreshIfOpen(this, 'groups');
        panels.refreshIfOpen(this, 'info');
        const removedMe = (type === 'group.member_left' && data.userId === state.me.id) || type === 'group.deleted';
        const chatId = data.group && data.group.chatId || data.chatId;
        if (removedMe && chatId) {
          state.chats.delete(chatId);
          if (state.openChatId === chatId) this.closeChat();
        }
        if (type === 'group.updated') {
          for (const c of state.chats.values()) if (c.groupId === groupId) c.name = data.name;
          if (this.view && this.view.chat && this.view.chat.groupId === groupId) this.view.renderHeader();
        }
        this.loadChats();
        return;
      }
      default:
        if (type.startsWith('call.')) return this.calls.onEvent(type, data);
        if (type.startsWith('ai.')) return this.view instanceof AiView ? this.view.onEvent(type, data) : AiView.background(type, data);
    }
  }

  signOut() {
    const s = session();
    if (s) post('/auth/logout', { refreshToken: s.refreshToken }).catch(() => {});
    setSession(null);
  }
}

export function previewOf(m) {
  if (m.deleted) return 'Message deleted';
  const kinds = { image: 'Photo', video: 'Video', audio: 'Audio', file: 'File' };
  return (m.content && m.content.trim()) || kinds[m.type] || '';
}

const ICONS = {
  people: 'M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm0 2c-2.7 0-8 1.3-8 4v3h8v-3c0-1 .4-2.3 2-3.3A11 11 0 0 0 8 13zm8 0c-2.7 0-8 1.3-8 4v3h16v-3c0-2.7-5.3-4-8-4z',
  group: 'M4 5h16v10H7l-3 3zM8 9h8M8 12h5',
  bell: 'M12 22a2.5 2.5 0 0 0 2.4-2h-4.8a2.5 2.5 0 0 0 2.4 2zm7-6V11a7 7 0 0 0-5.5-6.8V3.5a1.5 1.5 0 0 0-3 0v.7A7 7 0 0 0 5 11v5l-2 2v1h18v-1z',
  pin: 'M14 3l7 7-3 1-4 4 1 5-2 1-4-5-5 5-1-1 5-5-5-4 1-2 5 1 4-4z',
  phone: 'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.6 3.6a1 1 0 0 1-.25 1z',
  video: 'M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11z',
  info: 'M12 2a10 10 0 1 0 10 10A10 10 0 0 0 12 2zm1 15h-2v-6h2zm0-8h-2V7h2z',
  attach: 'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z',
  send: 'M2 21l21-9L2 3v7l15 2-15 2z',
  back: 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z',
  star: 'M12 17.3l6.2 3.7-1.6-7L22 9.2l-7.2-.6L12 2 9.2 8.6 2 9.2 7.4 14l-1.6 7z',
  close: 'M19 6.4L17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z',
  hangup: 'M12 9c-1.6 0-3.2.25-4.7.7v3.1a1 1 0 0 1-.55.9 11 11 0 0 0-2.7 1.9 1 1 0 0 1-1.4 0L.3 13.2a1 1 0 0 1 0-1.4A17 17 0 0 1 12 7a17 17 0 0 1 11.7 4.8 1 1 0 0 1 0 1.4l-2.4 2.4a1 1 0 0 1-1.4 0 11 11 0 0 0-2.7-1.9 1 1 0 0 1-.55-.9V9.7A15 15 0 0 0 12 9z',
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z',
  edit: 'M3 17.2V21h3.8l11-11-3.8-3.8zM20.7 7a1 1 0 0 0 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8 3.8 3.8z',
  trash: 'M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6zM19 4h-3.5l-1-1h-5l-1 1H5v2h14z',
  file: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm-1 7V3.5L18.5 9z',
  mic: 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z',
};

export function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name] || '');
  if (name === 'group') { path.setAttribute('fill', 'none'); path.setAttribute('stroke', 'currentColor'); path.setAttribute('stroke-width', '2'); }
  svg.append(path);
  return svg;
}
