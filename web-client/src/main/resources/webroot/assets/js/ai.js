// The AI assistant chat: the reply streams in as ai.delta events, ends with ai.done (or ai.error), and can be cancelled.
import { h, replace, linkify, time, uuid } from './dom.js';
import { get, post } from './api.js';
import { state } from './state.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

const buffered = new Map(); // replyId -> text that streamed while the view was closed

export class AiView {
  static background(type, data) {
    if (type === 'ai.delta') buffered.set(data.replyId, (buffered.get(data.replyId) || '') + data.text);
    else buffered.delete(data.replyId || (data.message && data.message.id));
  }

  constructor(app) {
    this.app = app;
    this.chatId = 'ai';
    this.streams = new Map(); // replyId -> {el, text}
    this.list = h('div', { class: 'msg-list' });
    this.log = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'chat-title', tabindex: '0' }, this.list);
    this.input = h('textarea', { id: 'composer', rows: '1', placeholder: 'Ask the assistant', 'aria-label': 'Message to the assistant' });
    this.input.addEventListener('keydown', e => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); this.submit(); } });
    this.cancelBtn = h('button', { type: 'button', class: 'btn ghost small', hidden: true, onClick: () => this.cancel() }, 'Stop generating');
    this.notice = h('p', { class: 'notice', hidden: true, role: 'status' });
    const form = h('form', { class: 'composer' }, this.input, h('button', { type: 'submit', class: 'icon-btn send', 'aria-label': 'Send' }, icon('send')));
    form.addEventListener('submit', e => { e.preventDefault(); this.submit(); });
    this.el = h('section', { class: 'chat ai-chat', 'aria-labelledby': 'chat-title', 'data-chat': 'ai' },
      h('header', { class: 'chat-head' },
        h('button', { class: 'icon-btn back', 'aria-label': 'Back to chats', onClick: () => app.closeChat() }, icon('back')),
        h('span', { class: 'avatar avatar-md ai-avatar', 'aria-hidden': 'true' }, '✦'),
        h('div', { class: 'chat-head-text' }, h('h2', { class: 'chat-title', id: 'chat-title' }, 'Assistant'), h('p', { class: 'chat-sub muted' }, 'Answers stream as they are written'))),
      this.log, this.notice, h('div', { class: 'ai-controls' }, this.cancelBtn), form);
    this.load();
    this.stopEvents = app.events.on({ 'ai.*': (data, type) => this.onEvent(type, data) });
  }

  focus() { this.input.focus(); }
  close() { this.stopEvents(); }

  async load() {
    try {
      const page = await get('/chats/ai/messages?limit=50');
      state.aiChatId = page.chatId;
      state.aiAssistantId = page.assistantId;
      replace(this.list, page.items.map(m => this.bubble(m)));
      for (const [replyId, text] of buffered) this.delta({ replyId, text: '' }, text);
      this.log.scrollTop = this.log.scrollHeight;
    } catch (e) {
      this.unavailable(e);
    }
  }

  unavailable(e) {
    this.notice.hidden = false;
    this.notice.textContent = e.code === 'ai.not_configured' ? 'The assistant is not set up on this server.' : e.message;
  }

  bubble(m, streaming = false) {
    const mine = m.role === 'user' || (m.sender && m.sender !== state.aiAssistantId);
    return h('div', { class: 'msg' + (mine ? ' mine' : ' assistant') + (streaming ? ' streaming' : ''), 'data-reply': m.replyId || null, 'data-id': m.id || null },
      h('div', { class: 'bubble' }, h('p', { class: 'text' }, linkify(m.content || '')),
        h('div', { class: 'meta' }, h('time', {}, streaming ? 'writing…' : time(m.createdAt)))));
  }

  async submit() {
    const content = this.input.value.trim();
    if (!content) return;
    this.input.value = '';
    this.notice.hidden = true;
    const pending = this.bubble({ content, role: 'user', createdAt: new Date().toISOString() });
    this.list.append(pending);
    this.log.scrollTop = this.log.scrollHeight;
    try {
      const question = await post('/chats/ai/messages', { content, clientMsgId: uuid() });
      if (question && question.id) {
        if (this.list.querySelector(`[data-id="${CSS.escape(question.id)}"]`)) pending.remove();
        else pending.dataset.id = question.id;
      }
      this.cancelBtn.hidden = false;
    } catch (e) {
      this.unavailable(e);
    }
  }

  async cancel() {
    try {
      await (this.app.bridge.state === 'open' ? this.app.bridge.send('client.ai.cancel', {}) : post('/chats/ai/cancel'));
    } catch (e) {
      await post('/chats/ai/cancel').catch(err => toast.error(err.message));
    }
  }

  /** message.new of this chat: my question from another device, or a stored reply not yet shown. */
  messageArrived(m) {
    if (this.list.querySelector(`[data-id="${CSS.escape(m.id)}"]`)) return;
    if (m.sender === state.aiAssistantId && this.streams.size) return; // ai.done replaces the streaming bubble
    this.list.append(this.bubble(m));
    this.log.scrollTop = this.log.scrollHeight;
  }

  delta(data, initial = null) {
    let s = this.streams.get(data.replyId);
    if (!s) {
      const el = this.bubble({ replyId: data.replyId, content: '' }, true);
      s = { el, text: initial || '' };
      this.streams.set(data.replyId, s);
      this.list.append(el);
      this.cancelBtn.hidden = false;
    }
    s.text += data.text || '';
    replace(s.el.querySelector('.text'), linkify(s.text));
    this.log.scrollTop = this.log.scrollHeight;
  }

  onEvent(type, data) {
    if (type === 'ai.delta') return this.delta(data);
    const replyId = data.replyId || (data.message && (data.message.replyId || data.message.id));
    const s = this.streams.get(replyId) || [...this.streams.values()][0];
    this.cancelBtn.hidden = true;
    if (type === 'ai.done') {
      const el = this.bubble(data.message);
      el.dataset.state = 'done';
      const shown = data.message && this.list.querySelector(`[data-id="${CSS.escape(data.message.id)}"]`);
      if (shown) shown.remove();
      if (s) s.el.replaceWith(el); else this.list.append(el);
    } else if (type === 'ai.error') {
      if (s && data.reply) s.el.replaceWith(this.bubble(data.reply));
      else if (s) { s.el.classList.remove('streaming'); s.el.dataset.state = 'error'; }
      this.notice.hidden = false;
      this.notice.textContent = data.code === 'ai.cancelled' ? 'Stopped.' : (data.message || 'The assistant could not answer.');
    }
    this.streams.clear();
  }
}
