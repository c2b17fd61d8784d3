// Short messages at the bottom of the screen, read out by screen readers.
import { h } from './dom.js';

const region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });

function show(kind, text, { action, onAction, ms = 5000 } = {}) {
  const el = h('div', { class: `toast ${kind}` }, h('span', {}, text),
    action ? h('button', { class: 'linklike', onClick: () => { el.remove(); onAction(); } }, action) : null,
    h('button', { class: 'toast-close', 'aria-label': 'Dismiss', onClick: () => el.remove() }, '×'));
  region.append(el);
  setTimeout(() => el.remove(), ms);
}

export const toast = {
  region,
  info: (text, opts) => show('info', text, opts),
  error: (text, opts) => show('error', text || 'Something went wrong', opts),
};
