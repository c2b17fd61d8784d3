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
import { EventRouter } from './events.js';
import { icon } from './icons.js';
import { previewOf } from './previews.js';

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
    this.events = new EventRouter();
    this.events.on(this.appEvents());
    this.bridge.addEventListener('event', e => this.events.dispatch(e.detail));
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

  /** The app's own part of every live event: the chat list, the bell, the panels. Open views register theirs. */
  appEvents() {
    return {
      'message.new': data => this.messageArrived(data),
      'message.edited': data => this.messageChanged(data),
      'message.deleted': data => this.messageChanged(data),
      'message.read': data => this.readMoved(data),
      'chat.created': data => this.chatChanged(data),
      'chat.updated': data => this.chatChanged(data),
      'presence': data => this.presenceChanged(data),
      'notification.new': () => {
        state.notificationsUnread++;
        this.renderBell();
        panels.refreshIfOpen(this, 'notifications');
      },
      'friend_request.new': data => {
        toast.info(`${displayName(data.senderProfile)} wants to be friends`, { action: 'View', onAction: () => panels.peoplePanel(this, 'requests') });
        panels.refreshIfOpen(this, 'people');
      },
      'friend_request.accepted': data => {
        if (data.sender === state.me.id) toast.info(`${displayName(data.receiverProfile)} accepted your friend request`);
        panels.refreshIfOpen(this, 'people');
      },
      'friend_request.rejected': () => panels.refreshIfOpen(this, 'people'),
      'friend_request.cancelled': () => panels.refreshIfOpen(this, 'people'),
      'friend.removed': () => panels.refreshIfOpen(this, 'people'),
      'group.invite': data => {
        toast.info(`${displayName(data.senderProfile)} invited you to ${data.group ? data.group.name : 'a group'}`, { action: 'View', onAction: () => panels.groupsPanel(this) });
        panels.refreshIfOpen(this, 'groups');
      },
      'group.updated': (data, type) => this.groupChanged(data, type),
      'group.member_joined': (data, type) => this.groupChanged(data, type),
      'group.member_left': (data, type) => this.groupChanged(data, type),
      'group.deleted': (data, type) => this.groupChanged(data, type),
      'call.*': (data, type) => this.calls.onEvent(type, data),
      'ai.*': (data, type) => { if (!(this.view instanceof AiView)) AiView.background(type, data); },
    };
  }

  messageChanged(data) {
    const t = state.threads.get(data.chatId);
    if (t && t.bySeq.has(data.seq)) t.put({ ...t.bySeq.get(data.seq), ...data, ...(data.deleted ? { content: '', attachments: [], links: [] } : {}) });
    const chat = state.chats.get(data.chatId);
    if (chat && chat.lastMessage && chat.lastMessage.seq === data.seq) {
      chat.lastMessage = { ...chat.lastMessage, ...data };
      this.renderListSoon();
    }
  }

  readMoved(data) {
    thread(data.chatId).read(data.userId, data.seq);
    if (data.userId !== state.me.id) return;
    const chat = state.chats.get(data.chatId);
    if (chat) { chat.unreadCount = Math.max(0, (chat.lastSeq || 0) - data.seq); this.renderListSoon(); }
  }

  chatChanged(data) {
    state.chats.set(data.id, { ...(state.chats.get(data.id) || {}), ...data });
    this.renderListSoon();
  }

  presenceChanged(data) {
    const p = state.profiles.get(data.userId) || { id: data.userId };
    state.profiles.set(data.userId, { ...p, status: data.status, lastSeenAt: data.lastSeenAt });
    this.renderListSoon();
  }

  groupChanged(data, type) {
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
  }

  signOut() {
    const s = session();
    if (s) post('/auth/logout', { refreshToken: s.refreshToken }).catch(() => {});
    setSession(null);
  }
}
