// Boot: the reset-password link, the sign-in screens, or the app when a session exists.
import { session, onSessionChange } from './session.js';
import { authScreen } from './auth.js';
import { App } from './app.js';
import { applyTheme } from './theme.js';

applyTheme();
const root = document.getElementById('root');
let app = null;

function render() {
  if (location.pathname === '/reset-password') {
    const token = new URLSearchParams(location.search).get('token') || '';
    if (app) { app.destroy(); app = null; }
    return authScreen(root, 'reset', { token });
  }
  if (session()) {
    if (!app) app = new App(root);
    window.rtchat = app; // handy from the console
  } else {
    if (app) { app.destroy(); app = null; }
    authScreen(root, 'login');
  }
}

let signedIn = !!session();
onSessionChange(s => {
  if (!!s !== signedIn) {
    signedIn = !!s;
    if (location.pathname === '/reset-password' && s) history.replaceState(null, '', '/');
    render();
  }
});
render();
