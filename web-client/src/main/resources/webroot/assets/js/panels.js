// Side sheets: profile, people and friend requests, groups, notifications, chat details, message search.
import { h, replace, avatar, displayName, time, linkify } from './dom.js';
import { get, post, patch, del, upload } from './api.js';
import { state, rememberProfile, profile } from './state.js';
import { setUser } from './session.js';
import { icon } from './icons.js';
import { previewOf } from './previews.js';
import { attachmentView } from './attachments.js';
import { toast } from './toast.js';
import { theme, setTheme } from './theme.js';

let current = null; // {name, refresh, opener}

function sheet(app, name, title, build) {
  const opener = current ? current.opener : document.activeElement;
  const body = h('div', { class: 'sheet-body' });
  const el = h('section', { class: 'sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sheet-title', 'data-panel': name },
    h('header', { class: 'sheet-head' }, h('h2', { id: 'sheet-title' }, title),
      h('button', { class: 'icon-btn', 'aria-label': 'Close', onClick: () => closePanel(app) }, icon('close'))), body);
  const scrim = h('div', { class: 'scrim', onClick: () => closePanel(app) });
  replace(app.panelLayer, scrim, el);
  const refresh = async () => {
    try { replace(body, await build()); } catch (e) { replace(body, h('p', { class: 'form-error' }, e.message)); }
  };
  current = { name, refresh, opener };
  refresh().then(() => { const f = el.querySelector('input, button:not(.icon-btn)') || el.querySelector('button'); f && f.focus(); });
  el.addEventListener('keydown', e => trapFocus(e, el));
}

function trapFocus(e, el) {
  if (e.key !== 'Tab') return;
  const items = [...el.querySelectorAll('button, input, textarea, select, a[href], [tabindex="0"]')].filter(x => !x.disabled && x.offsetParent);
  if (!items.length) return;
  const [first, last] = [items[0], items[items.length - 1]];
  if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
}

export function closePanel(app) {
  const opener = current && current.opener;
  current = null;
  replace(app.panelLayer);
  if (opener && opener.focus) opener.focus();
}

export function refreshIfOpen(app, name) {
  if (current && current.name === name) current.refresh();
}

function tabs(names, active, onPick) {
  return h('div', { class: 'tabs', role: 'tablist' }, names.map(([key, label]) =>
    h('button', { role: 'tab', class: 'tab', 'aria-selected': key === active ? 'true' : 'false', onClick: () => onPick(key) }, label)));
}

function person(p, ...actions) {
  rememberProfile(p);
  return h('li', { class: 'person' }, avatar(p, 'md'),
    h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, displayName(p)), h('span', { class: 'muted' }, '@' + (p.username || ''))),
    h('span', { class: 'person-actions' }, actions));
}

const act = (label, fn, cls = 'btn small') => h('button', { class: cls, onClick: async e => {
  e.currentTarget.disabled = true;
  try { await fn(); } catch (err) { toast.error(err.message); } finally { if (current) current.refresh(); }
} }, label);

// ---- profile ----
export function profilePanel(app) {
  sheet(app, 'profile', 'Profile', async () => {
    const me = await get('/users/me');
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const f = h('form', { class: 'stack' },
      h('div', { class: 'profile-top' }, avatar(me, 'xl'),
        h('div', {}, h('label', { class: 'btn small', for: 'avatar-input', tabindex: '0' }, 'Change photo'),
          h('input', { type: 'file', id: 'avatar-input', accept: 'image/*', class: 'visually-hidden', onChange: async e => {
            const file = e.target.files[0];
            if (!file) return;
            try {
              const media = await upload(file, 'avatar', undefined);
              const updated = await patch('/users/me', { avatarMediaId: media.id });
              state.me = updated; rememberProfile(updated); setUser(updated); app.renderMe(); current.refresh();
            } catch (err) { toast.error(err.message); }
          } }),
          me.avatarUrl ? h('button', { type: 'button', class: 'linklike', onClick: async () => {
            const updated = await patch('/users/me', { avatarMediaId: null });
            state.me = updated; state.profiles.set(updated.id, updated); setUser(updated); app.renderMe(); current.refresh();
          } }, 'Remove') : null)),
      h('div', { class: 'row2' }, input('firstName', 'First name', me.firstName), input('lastName', 'Last name', me.lastName)),
      input('username', 'Username', me.username),
      h('div', { class: 'field' }, h('label', { for: 'p-about' }, 'About'), h('textarea', { id: 'p-about', name: 'about', rows: '3' }, me.about || '')),
      h('p', { class: 'muted' }, me.email), error,
      h('button', { type: 'submit', class: 'btn primary' }, 'Save'));
    f.addEventListener('submit', async e => {
      e.preventDefault();
      error.hidden = true;
      try {
        const updated = await patch('/users/me', Object.fromEntries(new FormData(f)));
        state.me = updated; rememberProfile(updated); setUser(updated); app.renderMe();
        toast.info('Profile saved');
      } catch (err) { error.textContent = err.message; error.hidden = false; }
    });
    const themes = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Theme' },
      [['system', 'System'], ['light', 'Light'], ['dark', 'Dark']].map(([k, label]) =>
        h('button', { role: 'radio', 'aria-checked': theme() === k ? 'true' : 'false', class: 'seg', onClick: () => { setTheme(k); current.refresh(); } }, label)));
    return [f, h('h3', {}, 'Appearance'), themes, h('hr'),
      h('button', { class: 'btn danger wide', onClick: () => app.signOut() }, 'Sign out')];
  });
}

function input(name, label, value) {
  return h('div', { class: 'field' }, h('label', { for: 'p-' + name }, label), h('input', { id: 'p-' + name, name, value: value || '' }));
}

// ---- people ----
export function peoplePanel(app, tab = 'friends') {
  let active = tab;
  let query = '';
  sheet(app, 'people', 'People', async () => {
    const pick = k => { active = k; current.refresh(); };
    const head = tabs([['friends', 'Friends'], ['requests', 'Requests'], ['find', 'Find people']], active, pick);
    if (active === 'friends') {
      const friends = (await get('/friends?limit=100')).items;
      state.friends = new Set(friends.map(f => f.id));
      return [head, friends.length ? h('ul', { class: 'people' }, friends.map(p => person(p,
        act('Message', () => app.openDirect(p.id), 'btn small primary'),
        act('Unfriend', async () => { if (confirm(`Remove ${displayName(p)} from your friends?`)) await del('/friends/' + p.id); }, 'btn small ghost'))))
        : h('p', { class: 'muted empty-line' }, 'No friends yet. Find people to add.')];
    }
    if (active === 'requests') {
      const [incoming, outgoing] = await Promise.all([get('/friends/requests?direction=incoming'), get('/friends/requests?direction=outgoing')]);
      return [head, h('h3', {}, 'Received'),
        incoming.items.length ? h('ul', { class: 'people' }, incoming.items.map(r => person(r.senderProfile,
          act('Accept', () => post(`/friends/requests/${r.id}/accept`), 'btn small primary'),
          act('Decline', () => post(`/friends/requests/${r.id}/reject`), 'btn small ghost')))) : h('p', { class: 'muted empty-line' }, 'Nothing waiting.'),
        h('h3', {}, 'Sent'),
        outgoing.items.length ? h('ul', { class: 'people' }, outgoing.items.map(r => person(r.receiverProfile,
          act('Cancel', () => del(`/friends/requests/${r.id}`), 'btn small ghost')))) : h('p', { class: 'muted empty-line' }, 'No pending requests.')];
    }
    const search = h('input', { type: 'search', id: 'people-search', 'aria-label': 'Search people by name or username', placeholder: 'Name or username', value: query });
    const results = h('ul', { class: 'people' });
    const run = async () => {
      query = search.value.trim();
      const list = query ? (await get('/users/search?q=' + encodeURIComponent(query))).items : (await get('/users/non-friends?limit=50')).items;
      replace(results, list.filter(p => p.id !== state.me.id).map(p => person(p,
        state.friends.has(p.id) ? act('Message', () => app.openDirect(p.id), 'btn small') : act('Add friend', async () => {
          try { await post('/friends/requests', { receiverId: p.id }); toast.info('Request sent'); }
          catch (e) { if (e.code === 'friend.request_exists') toast.info('A request is already pending'); else throw e; }
        }, 'btn small primary'))));
      if (!list.length) results.append(h('li', { class: 'muted empty-line' }, 'Nobody found.'));
    };
    let timer;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run().catch(e => toast.error(e.message)), 250); });
    await run();
    return [head, h('div', { class: 'search-box' }, search), results];
  });
}

// ---- groups ----
export function groupsPanel(app) {
  sheet(app, 'groups', 'Groups', async () => {
    const [groups, invitations, friends] = await Promise.all([get('/groups?limit=100'), get('/groups/invitations'), get('/friends?limit=100')]);
    const name = h('input', { id: 'group-name', name: 'name', required: true, maxlength: '100', placeholder: 'Group name' });
    const picks = friends.items.map(f => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: f.id }), avatar(f, 'sm'), displayName(f)));
    const create = h('form', { class: 'stack card' }, h('h3', {}, 'New group'),
      h('div', { class: 'field' }, h('label', { for: 'group-name' }, 'Name'), name),
      picks.length ? h('fieldset', { class: 'checks' }, h('legend', {}, 'Invite friends'), picks) : null,
      h('button', { class: 'btn primary', type: 'submit' }, 'Create group'));
    create.addEventListener('submit', async e => {
      e.preventDefault();
      try {
        const memberIds = [...create.querySelectorAll('input[type=checkbox]:checked')].map(c => c.value);
        const answer = await post('/groups', { name: name.value.trim(), memberIds });
        await app.loadChats();
        closePanel(app);
        app.openChat(answer.chatId);
      } catch (err) { toast.error(err.message); }
    });
    return [
      invitations.items.length ? [h('h3', {}, 'Invitations'), h('ul', { class: 'people' }, invitations.items.map(inv =>
        h('li', { class: 'person' }, h('span', { class: 'avatar avatar-md group-avatar', 'aria-hidden': 'true' }, '#'),
          h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, inv.group ? inv.group.name : 'Group'), h('span', { class: 'muted' }, 'from ' + displayName(inv.senderProfile))),
          h('span', { class: 'person-actions' },
            act('Join', async () => { await post(`/groups/${inv.groupId || inv.group.id}/accept`); await app.loadChats(); }, 'btn small primary'),
            act('Decline', () => post(`/groups/${inv.groupId || inv.group.id}/reject`), 'btn small ghost')))))] : null,
      h('h3', {}, 'My groups'),
      groups.items.length ? h('ul', { class: 'people' }, groups.items.map(g => h('li', { class: 'person' },
        h('span', { class: 'avatar avatar-md group-avatar', 'aria-hidden': 'true' }, '#'),
        h('span', { class: 'person-text' }, h('span', { class: 'person-name' }, g.name), h('span', { class: 'muted' }, `${(g.members || []).length} members`)),
        h('span', { class: 'person-actions' }, act('Open', () => { closePanel(app); return app.openChat(g.chatId); }, 'btn small')))))
        : h('p', { class: 'muted empty-line' }, 'No groups yet.'),
      create];
  });
}

// ---- notifications ----
export function notificationsPanel(app) {
  sheet(app, 'notifications', 'Notifications', async () => {
    const page = await get('/notifications?limit=50');
    const labels = { message: 'New messages', friend_request: 'Friend request', group_invite: 'Group invitation', call_missed: 'Missed call' };
    return [
      h('div', { class: 'sheet-actions' }, act('Mark all read', async () => { await post('/notifications/read-all'); state.notificationsUnread = 0; app.renderBell(); }, 'btn small ghost')),
      page.items.length ? h('ul', { class: 'notifications' }, page.items.map(n => h('li', { class: 'notification' + (n.read ? '' : ' unread'), 'data-type': n.type },
        h('button', { class: 'notif-btn', onClick: async () => {
          if (!n.read) { await post(`/notifications/${n.id}/read`).catch(() => {}); app.loadCounts(); }
          closePanel(app);
          if (n.chatId) app.openChat(n.chatId);
          else if (n.type === 'friend_request') peoplePanel(app, 'requests');
          else if (n.type === 'group_invite') groupsPanel(app);
        } },
        h('span', { class: 'notif-kind' }, (labels[n.type] || n.type) + (n.count > 1 ? ` (${n.count})` : '')),
        h('span', { class: 'notif-text' }, n.content || ''), h('span', { class: 'muted small' }, time(n.updatedAt || n.createdAt))))))
        : h('p', { class: 'muted empty-line' }, 'You are all caught up.')];
  });
}

// ---- chat details: collections, members, admin ----
export function infoPanel(app, chat) {
  let active = 'starred';
  sheet(app, 'info', chat.isGroup ? 'Group details' : 'Chat details', async () => {
    const pick = k => { active = k; current.refresh(); };
    const parts = [];
    if (chat.isGroup && chat.groupId) parts.push(await groupAdmin(app, chat));
    parts.push(tabs([['starred', 'Starred'], ['media', 'Media'], ['links', 'Links'], ['files', 'Files']], active, pick));
    const path = active === 'starred' ? 'starred-messages' : active;
    const items = (await get(`/chats/${chat.id}/${path}?limit=50`)).items;
    if (!items.length) parts.push(h('p', { class: 'muted empty-line' }, 'Nothing here yet.'));
    else if (active === 'media') parts.push(h('div', { class: 'media-grid' }, items.flatMap(m => (m.attachments || []).map(attachmentView))));
    else parts.push(h('ul', { class: 'collection' }, items.map(m => h('li', {},
      h('button', { class: 'collection-item', onClick: () => { closePanel(app); app.openChat(chat.id); } },
        h('span', { class: 'muted small' }, `${displayName(state.profiles.get(m.sender))} · ${time(m.createdAt)}`),
        active === 'files' ? (m.attachments || []).map(a => h('span', { class: 'file-name' }, a.name)) : h('span', {}, previewOf(m)))))));
    return parts;
  });
}

async function groupAdmin(app, chat) {
  const group = await get('/groups/' + chat.groupId);
  const isAdmin = (group.admins || []).includes(state.me.id);
  const members = group.memberProfiles || [];
  const friends = isAdmin ? (await get('/friends?limit=100')).items.filter(f => !(group.members || []).includes(f.id)) : [];
  const rename = h('form', { class: 'inline-form' }, h('label', { for: 'rename', class: 'visually-hidden' }, 'Group name'),
    h('input', { id: 'rename', value: group.name, maxlength: '100' }), h('button', { class: 'btn small', type: 'submit' }, 'Rename'));
  rename.addEventListener('submit', async e => {
    e.preventDefault();
    try { await patch('/groups/' + group.id, { name: rename.querySelector('input').value.trim() }); current.refresh(); } catch (err) { toast.error(err.message); }
  });
  const invite = h('select', { id: 'invite-select', 'aria-label': 'Friend to invite' }, h('option', { value: '' }, 'Invite a friend…'), friends.map(f => h('option', { value: f.id }, displayName(f))));
  return h('div', { class: 'stack' },
    isAdmin ? rename : h('h3', {}, group.name),
    h('h3', {}, `Members (${members.length})`),
    h('ul', { class: 'people' }, members.map(p => {
      const admin = (group.admins || []).includes(p.id);
      const me = p.id === state.me.id;
      return person(p, admin ? h('span', { class: 'tag' }, 'admin') : null,
        isAdmin && !me ? (admin ? act('Demote', () => del(`/groups/${group.id}/admins/${p.id}`), 'btn small ghost') : act('Make admin', () => post(`/groups/${group.id}/admins/${p.id}`), 'btn small ghost')) : null,
        isAdmin && !me ? act('Remove', () => del(`/groups/${group.id}/members/${p.id}`), 'btn small ghost') : null);
    })),
    isAdmin && friends.length ? h('div', { class: 'inline-form' }, invite, act('Invite', async () => { if (invite.value) { await post(`/groups/${group.id}/invite`, { userIds: [invite.value] }); toast.info('Invitation sent'); } })) : null,
    h('div', { class: 'row-actions' },
      act('Leave group', async () => { if (confirm('Leave this group?')) { await post(`/groups/${group.id}/leave`); closePanel(app); app.closeChat(); app.loadChats(); } }, 'btn small ghost'),
      isAdmin ? act('Delete group', async () => { if (confirm('Delete the group and its chat for everyone?')) { await del('/groups/' + group.id); closePanel(app); app.closeChat(); app.loadChats(); } }, 'btn small danger') : null),
    h('hr'));
}

// ---- message search ----
export function messageSearch(app, q) {
  q = (q || '').trim();
  if (!q) return;
  sheet(app, 'search', `Messages with “${q}”`, async () => {
    const page = await get('/messages/search?q=' + encodeURIComponent(q) + '&limit=50');
    if (!page.items.length) return h('p', { class: 'muted empty-line' }, 'No messages found.');
    await Promise.all([...new Set(page.items.map(m => m.sender))].map(profile));
    return h('ul', { class: 'collection' }, page.items.map(m => {
      const chat = state.chats.get(m.chatId);
      return h('li', {}, h('button', { class: 'collection-item', onClick: () => { closePanel(app); app.openChat(m.chatId); } },
        h('span', { class: 'muted small' }, `${chat ? app.chatTitle(chat) : 'Chat'} · ${displayName(state.profiles.get(m.sender))} · ${time(m.createdAt)}`),
        h('span', {}, linkify(m.content))));
    }));
  });
}
