// How an attachment shows inside a message and in the media panel: an image thumbnail, a player, or a file chip.
import { h, bytes } from './dom.js';
import { mediaUrl } from './api.js';
import { icon } from './icons.js';
import { toast } from './toast.js';

/** An attachment: images as thumbnails (click for the original), audio and video inline, files as a download. */
export function attachmentView(a) {
  if (!a || !a.url) return null;
  if (a.type === 'image') {
    const img = h('img', { class: 'thumb', alt: a.name || 'Image', loading: 'lazy' });
    mediaUrl(a.thumbnailUrl || a.url).then(u => { img.src = u; }).catch(() => { img.alt = 'Image unavailable'; });
    return h('button', { class: 'thumb-btn', 'aria-label': `Open image ${a.name || ''}`, onClick: () => openMedia(a) }, img);
  }
  if (a.type === 'video' || a.type === 'audio') {
    const el = h(a.type, { controls: true, preload: 'metadata', class: a.type === 'video' ? 'video' : 'audio', 'aria-label': a.name || a.type });
    mediaUrl(a.url).then(u => { el.src = u; }).catch(() => {});
    return el;
  }
  return h('button', { class: 'file-chip', onClick: () => openMedia(a), 'aria-label': `Download ${a.name}` },
    h('span', { class: 'file-icon', 'aria-hidden': 'true' }, icon('file')),
    h('span', { class: 'file-text' }, h('span', { class: 'file-name' }, a.name || 'file'), h('span', { class: 'muted' }, a.size ? bytes(a.size) : '')));
}

async function openMedia(a) {
  try {
    const u = await mediaUrl(a.url);
    window.open(u, '_blank', 'noopener');
  } catch (e) { toast.error(e.message); }
}
