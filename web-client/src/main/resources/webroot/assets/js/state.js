// What the client knows: me, profiles, chats, and each opened chat's messages by seq.
import { get } from './api.js';

export const state = {
  me: null,
  profiles: new Map(),
  chats: new Map(),
  openChatId: null,
  threads: new Map(), // chatId -> Thread
  notificationsUnread: 0,
  friends: new Set(),
  aiChatId: null, // the assistant chat is shown as "Assistant", not in the list of chats
  aiAssistantId: null,
};

export class Thread {
  constructor(chatId) {
    this.chatId = chatId;
    this.bySeq = new Map();
    this.pending = new Map(); // clientMsgId -> message not yet stored
    this.oldestSeq = null;
    this.hasMoreBefore = true;
    this.loaded = false;
    this.pointers = new Map(); // userId -> read seq
  }

  get lastSeq() {
    let max = 0;
    for (const seq of this.bySeq.keys()) if (seq > max) max = seq;
    return max;
  }

  /** Adds or replaces a message; true when it was new. */
  put(message) {
    const isNew = !this.bySeq.has(message.seq);
    this.bySeq.set(message.seq, { ...(this.bySeq.get(message.seq) || {}), ...message });
    if (message.clientMsgId) this.pending.delete(message.clientMsgId);
    if (this.oldestSeq === null || message.seq < this.oldestSeq) this.oldestSeq = message.seq;
    for (const reader of message.readBy || []) this.read(reader, message.seq);
    // Sending implies reading: the server sends no message.read for a send, the message itself is the receipt.
    if (message.sender) this.read(message.sender, message.seq);
    return isNew;
  }

  read(userId, seq) {
    if ((this.pointers.get(userId) || 0) < seq) this.pointers.set(userId, seq);
  }

  /** Read by someone other than its sender. */
  isRead(message) {
    for (const [userId, seq] of this.pointers) if (userId !== message.sender && seq >= message.seq) return true;
    return false;
  }

  sorted() {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}

export function thread(chatId) {
  let t = state.threads.get(chatId);
  if (!t) {
    t = new Thread(chatId);
    state.threads.set(chatId, t);
  }
  return t;
}

const loading = new Map();
export function profile(userId) {
  if (state.profiles.has(userId)) return Promise.resolve(state.profiles.get(userId));
  if (!loading.has(userId)) {
    loading.set(userId, get('/users/' + userId).then(p => {
      state.profiles.set(userId, { ...(state.profiles.get(userId) || {}), ...p });
      return state.profiles.get(userId);
    }).catch(() => ({ id: userId, username: 'unknown' })).finally(() => loading.delete(userId)));
  }
  return loading.get(userId);
}

export function rememberProfile(p) {
  if (p && p.id) state.profiles.set(p.id, { ...(state.profiles.get(p.id) || {}), ...p });
}

export function otherParticipant(chat) {
  return (chat.participants || []).find(id => id !== state.me.id) || state.me.id;
}

export function sortedChats() {
  return [...state.chats.values()].sort((a, b) => {
    if (!!b.pinned !== !!a.pinned) return b.pinned ? 1 : -1;
    return String(b.updatedAt || '').localeCompare(String(a.updatedAt || ''));
  });
}
