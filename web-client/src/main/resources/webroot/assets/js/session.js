// The signed-in session: tokens in localStorage, refreshed before the access token expires. Refresh tokens rotate
// (a reused one revokes the login), so tabs refresh one at a time under a Web Lock and adopt each other's result.
const KEY = 'rtchat.session';
const listeners = new Set();
let current = load();
let timer = null;
let inFlight = null;

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

export function session() {
  return current;
}

export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function setSession(answer) {
  if (!answer) {
    current = null;
    localStorage.removeItem(KEY);
  } else {
    current = {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: Date.now() + (answer.expiresIn || 900) * 1000,
      user: answer.user || (current && current.user),
    };
    localStorage.setItem(KEY, JSON.stringify(current));
  }
  schedule();
  listeners.forEach(fn => fn(current));
}

export function setUser(user) {
  if (!current) return;
  current = { ...current, user };
  localStorage.setItem(KEY, JSON.stringify(current));
  listeners.forEach(fn => fn(current));
}

function schedule() {
  clearTimeout(timer);
  if (!current) return;
  const lifetime = Math.max(0, current.expiresAt - Date.now());
  // at 80% of its life, and at least 10 s before it ends
  const wait = Math.max(1000, Math.min(lifetime * 0.8, lifetime - 10_000));
  timer = setTimeout(() => refresh().catch(() => {}), wait);
}

/** A new token pair; concurrent callers share one request. */
export function refresh() {
  if (!inFlight) {
    const run = () => doRefresh().finally(() => { inFlight = null; });
    inFlight = navigator.locks ? navigator.locks.request('rtchat.refresh', run) : run();
  }
  return inFlight;
}

async function doRefresh() {
  const stored = load();
  if (stored && current && stored.refreshToken !== current.refreshToken && stored.expiresAt > Date.now() + 15_000) {
    current = stored; // another tab already rotated it
    schedule();
    listeners.forEach(fn => fn(current));
    return current;
  }
  if (!current) throw new Error('signed out');
  const res = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  });
  if (res.status === 401 || res.status === 400) {
    setSession(null);
    throw new Error('session ended');
  }
  if (!res.ok) {
    schedule();
    throw new Error('refresh failed ' + res.status);
  }
  setSession(await res.json());
  return current;
}

window.addEventListener('storage', e => {
  if (e.key !== KEY) return;
  current = load();
  schedule();
  listeners.forEach(fn => fn(current));
});

schedule();
