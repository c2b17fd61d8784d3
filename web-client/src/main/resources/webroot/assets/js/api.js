// REST under /api/v1 with the access token; one retry after a refresh when a token turns out stale.
import { session, refresh } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message || code || 'Request failed');
    this.status = status;
    this.code = code;
    this.fields = fields || {};
  }
}

export async function api(method, path, body, { auth = true, retried = false } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const s = session();
  if (auth && s) {
    if (s.expiresAt < Date.now() + 5000) await refresh().catch(() => {});
    headers.Authorization = 'Bearer ' + session().accessToken;
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'Cannot reach the server');
  }
  if (res.status === 401 && auth && !retried && session()) {
    await refresh();
    return api(method, path, body, { auth, retried: true });
  }
  if (res.status === 204) return null;
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = (json && json.error) || {};
    const retry = res.headers.get('Retry-After');
    const message = res.status === 429 && retry ? `${err.message || 'Too many requests'} (try again in ${retry}s)` : err.message;
    throw new ApiError(res.status, err.code, message, err.fields);
  }
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** All pages of a seq-paged list after a seq (what a reconnecting client missed). */
export async function allAfter(path, after) {
  const items = [];
  let cursor = after;
  for (let i = 0; i < 50; i++) {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}after=${cursor}&limit=100`);
    items.push(...page.items);
    if (!page.hasMore || page.items.length === 0) break;
    cursor = page.items[page.items.length - 1].seq;
  }
  return items;
}

/** A short-lived URL for a media (attachments need the token; <img> cannot send it). */
const mediaUrls = new Map();
export async function mediaUrl(url) {
  const u = new URL(url, location.href);
  const key = u.pathname + u.search;
  const cached = mediaUrls.get(key);
  if (cached && cached.expires > Date.now() + 30_000) return cached.url;
  u.searchParams.set('redirect', 'false');
  const answer = await get(u.pathname.replace(/^\/api\/v1/, '') + u.search);
  mediaUrls.set(key, { url: answer.url, expires: Date.parse(answer.expiresAt) || Date.now() + 60_000 });
  return answer.url;
}

/** PUTs a file to its presigned URL with progress, then completes it. */
export async function upload(file, purpose, chatId, onProgress) {
  const slot = await post('/media/uploads', {
    purpose, chatId, name: file.name || 'file', fileType: file.type || 'application/octet-stream', size: file.size,
  });
  await new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(slot.method || 'PUT', slot.uploadUrl);
    for (const [k, v] of Object.entries(slot.headers || {})) {
      if (!/^(host|content-length)$/i.test(k)) xhr.setRequestHeader(k, Array.isArray(v) ? v.join(',') : v);
    }
    xhr.upload.onprogress = e => e.lengthComputable && onProgress && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new ApiError(xhr.status, 'media.upload_failed', 'Upload failed')));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Upload failed'));
    xhr.send(file);
  });
  return post(`/media/${slot.media.id}/complete`);
}
