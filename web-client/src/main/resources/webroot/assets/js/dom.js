// Builds DOM nodes. User text only ever becomes text nodes or attribute values: never HTML.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value') el.value = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const URL_PATTERN = /\b(https?:\/\/[^\s<>"']+|www\.[^\s<>"']+)/gi;

/** Text with its links made clickable: each link an <a>, everything else text nodes. */
export function linkify(text) {
  const out = [];
  let last = 0;
  for (const match of String(text || '').matchAll(URL_PATTERN)) {
    let link = match[0].replace(/[.,;:!?)\]]+$/, '');
    if (match.index > last) out.push(text.slice(last, match.index));
    const href = link.toLowerCase().startsWith('www.') ? 'https://' + link : link;
    out.push(h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, link));
    last = match.index + link.length;
  }
  if (last < String(text || '').length) out.push(text.slice(last));
  return out;
}

export function initials(name) {
  return String(name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map(p => p[0].toUpperCase()).join('') || '?';
}

export function avatar(profile, size = 'md') {
  const name = profile ? displayName(profile) : '?';
  const el = h('span', { class: `avatar avatar-${size}`, 'aria-hidden': 'true' });
  if (profile && profile.avatarUrl) {
    el.append(h('img', { src: sameOrigin(profile.avatarUrl), alt: '' }));
  } else {
    el.textContent = initials(name);
    el.style.setProperty('--hue', String(hash(profile ? profile.id : name) % 360));
  }
  return el;
}

export function displayName(p) {
  if (!p) return 'Unknown';
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return full || p.username || 'Unknown';
}

export function sameOrigin(url) {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.pathname + u.search : u.pathname + u.search;
  } catch {
    return url;
  }
}

function hash(s) {
  let x = 0;
  for (const c of String(s)) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  return x;
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const now = new Date();
  return d.toDateString() === now.toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

export function bytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(0) + ' KB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map(v => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
