// Light, dark, or whatever the system prefers; remembered per browser.
const KEY = 'rtchat.theme';
export const theme = () => localStorage.getItem(KEY) || 'system';
export function setTheme(value) {
  localStorage.setItem(KEY, value);
  applyTheme();
}
export function applyTheme() {
  const t = theme();
  if (t === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
}
