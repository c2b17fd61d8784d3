// Sign in, register, the mailed code, forgot and reset password.
import { h, replace } from './dom.js';
import { api } from './api.js';
import { setSession } from './session.js';

export function authScreen(root, initial = 'login', params = {}) {
  const card = h('main', { class: 'auth-card', 'aria-labelledby': 'auth-title' });
  const shell = h('div', { class: 'auth-shell' },
    h('div', { class: 'auth-brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), h('span', {}, 'rtchat')),
    card);
  replace(root, shell);
  const show = (name, data = {}) => screens[name](data);

  const screens = {
    login(data) {
      const f = form('Sign in', 'Welcome back. Sign in to continue.', [
        field('email', 'E-mail', 'email', data.email, 'username'),
        field('password', 'Password', 'password', '', 'current-password'),
      ], 'Sign in', async v => {
        try {
          setSession(await api('POST', '/auth/login', v, { auth: false }));
        } catch (e) {
          if (e.code === 'auth.email_not_verified') {
            await api('POST', '/auth/send-otp', { email: v.email }, { auth: false }).catch(() => {});
            return show('verify', { email: v.email, note: 'Your e-mail is not verified yet. We sent you a new code.' });
          }
          throw e;
        }
      }, [
        link('Forgot password?', () => show('forgot', {})),
        link('Create an account', () => show('register', {})),
      ]);
      replace(card, f);
    },
    register() {
      replace(card, form('Create your account', 'It takes a minute. We will e-mail you a code.', [
        h('div', { class: 'row2' }, field('firstName', 'First name', 'text', '', 'given-name'), field('lastName', 'Last name', 'text', '', 'family-name')),
        field('username', 'Username', 'text', '', 'username'),
        field('email', 'E-mail', 'email', '', 'email'),
        field('password', 'Password', 'password', '', 'new-password'),
        field('passwordConfirm', 'Repeat password', 'password', '', 'new-password'),
      ], 'Create account', async v => {
        await api('POST', '/auth/register', v, { auth: false });
        show('verify', { email: v.email });
      }, [link('I already have an account', () => show('login', {}))]));
    },
    verify(data) {
      replace(card, form('Check your e-mail', data.note || `We sent a 6-digit code to ${data.email}.`, [
        hidden('email', data.email),
        field('otp', 'Code', 'text', '', 'one-time-code', { inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: '6' }),
      ], 'Verify', async v => setSession(await api('POST', '/auth/verify', v, { auth: false })), [
        link('Send a new code', async () => {
          await api('POST', '/auth/send-otp', { email: data.email }, { auth: false }).catch(() => {});
          show('verify', { email: data.email, note: `A new code is on its way to ${data.email}.` });
        }),
        link('Back to sign in', () => show('login', { email: data.email })),
      ]));
    },
    forgot() {
      replace(card, form('Reset your password', 'Enter your e-mail; we will send you a link.', [
        field('email', 'E-mail', 'email', '', 'email'),
      ], 'Send link', async v => {
        await api('POST', '/auth/forgot-password', v, { auth: false });
        replace(card, h('div', { class: 'auth-done' }, h('h1', { id: 'auth-title' }, 'Check your e-mail'),
          h('p', {}, `If ${v.email} has an account, a reset link is on its way.`), link('Back to sign in', () => show('login', {}))));
      }, [link('Back to sign in', () => show('login', {}))]));
    },
    reset(data) {
      replace(card, form('Choose a new password', 'Every device signed in with your old password will be signed out.', [
        hidden('token', data.token),
        field('password', 'New password', 'password', '', 'new-password'),
        field('passwordConfirm', 'Repeat new password', 'password', '', 'new-password'),
      ], 'Set password', async v => {
        await api('POST', '/auth/reset-password', v, { auth: false });
        history.replaceState(null, '', '/');
        show('login', {});
        card.prepend(h('p', { class: 'notice', role: 'status' }, 'Your password was changed. Sign in with the new one.'));
      }, [link('Back to sign in', () => { history.replaceState(null, '', '/'); show('login', {}); })]));
    },
  };
  show(initial, params);
}

function form(title, subtitle, fields, submitLabel, onSubmit, links = []) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'btn primary wide' }, submitLabel);
  const f = h('form', { novalidate: true },
    h('h1', { id: 'auth-title' }, title), h('p', { class: 'muted' }, subtitle), fields, error, button,
    h('div', { class: 'auth-links' }, links));
  f.addEventListener('submit', async e => {
    e.preventDefault();
    f.querySelectorAll('.field-error').forEach(el => el.remove());
    f.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    error.hidden = true;
    button.disabled = true;
    try {
      await onSubmit(Object.fromEntries(new FormData(f)));
    } catch (err) {
      error.textContent = err.message || 'Something went wrong';
      error.hidden = false;
      for (const [name, msg] of Object.entries(err.fields || {})) {
        const input = f.elements[name];
        if (input && input.type !== 'hidden') {
          input.setAttribute('aria-invalid', 'true');
          input.after(h('span', { class: 'field-error' }, msg));
        }
      }
    } finally {
      button.disabled = false;
    }
  });
  queueMicrotask(() => { const first = f.querySelector('input:not([type=hidden])'); first && first.focus(); });
  return f;
}

function field(name, label, type, value, autocomplete, extra = {}) {
  const id = 'f-' + name;
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name, type, value: value || '', autocomplete, required: true, ...extra }));
}

function hidden(name, value) {
  return h('input', { type: 'hidden', name, value });
}

function link(text, onClick) {
  return h('button', { type: 'button', class: 'linklike', onClick }, text);
}
