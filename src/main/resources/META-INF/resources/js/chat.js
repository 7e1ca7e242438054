// The chat once signed in: one v2 socket for every room, the room being viewed, unread counts, the outbox.
import * as api from './api.js';
import { ChatConnection } from './connection.js';
import { RoomView } from './messages.js';
import { Sidebar } from './sidebar.js';
import { People } from './people.js';
import { Typing, typingText } from './typing.js';
import { wireDialogs } from './dialogs.js';
import { wireSearch } from './search.js';
import { Outbox } from './outbox.js';
import { Scroller } from './scroller.js';
import { byTestId, roomLabel } from './dom.js';

const HOME = 'general';
const MAX_TEXT_LENGTH = 4000; // code points, as the server counts
const TYPING_EVERY_MS = 3000;
const READ_EVERY_MS = 500;
const PAGE_SIZE = 50;
const SEARCH_PAGE_SIZE = 100;
const SEARCH_MAX_PAGES = 20;
const LOAD_OLDER_PX = 150;
const PAGE_RETRY_MS = 5000;
const MEMBERS_REFRESH_MS = 300;
const CONNECT_SETTLE_MS = 2000;
const ROOM_KEY = 'chatterbox.room';
const COMPOSER_HINT = 'Enter to send · Shift+Enter for a new line';
const OFFLINE_HINT = 'Offline: what you send now goes out when the connection is back.';
// Errors about frames the server refused as malformed or not allowed; any other error may mean "not stored",
// and a resend with the same clientId is safe (the server stores each clientId once).
const PERMANENT_ERRORS = new Set([
  'invalid_json', 'invalid_frame', 'unknown_type', 'invalid_room', 'unknown_room', 'invalid_text',
  'invalid_client_id', 'invalid_since', 'not_a_member', 'unknown_message', 'not_your_message',
  'message_deleted', 'invalid_id', 'invalid_limit', 'invalid_page',
]);

const scroller = byTestId('message-list');
const jump = byTestId('jump-latest');
const scrollArea = new Scroller(scroller, jump);
const input = byTestId('composer-input');
const sidebarPanel = byTestId('sidebar');
const sidebarToggle = byTestId('sidebar-toggle');

/** The signed-in session, or null. */
let s = null;
let hooks = { notice() {}, onState() {}, stillAuthorized: async () => true };

const viewActions = {
  edit: editMessage,
  remove: removeMessage,
  retry: (clientId) => s?.outbox.retry(clientId),
  discard: (clientId) => s?.outbox.discard(clientId),
};
const sidebar = new Sidebar(byTestId('room-list'), byTestId('dm-list'), byTestId('total-unread'), (id) => openRoom(id));
const people = new People(byTestId('member-list'), byTestId('online-count'), confirmRemoveMember);
const typing = new Typing((room) => s && room === s.current && renderTyping());
const dialogs = wireDialogs({
  token: () => s?.token,
  currentRoom,
  adopt,
  refreshMembers: () => refreshMembers(currentRoom()),
  notice: (text) => hooks.notice(text),
});
const search = wireSearch({
  token: () => s?.token,
  roomLabel: (id) => roomLabel(s?.rooms.get(id)?.desc) || id,
  reveal,
});
wireControls();

// ---- session ----

/** hooks: notice(text), onState(state), stillAuthorized() -> Promise<boolean>. */
export function start(token, me, sessionHooks) {
  stop();
  hooks = sessionHooks;
  const session = {
    token, me, rooms: new Map(), current: null, maxId: null, outbox: null,
    typingRoom: null, typingSentAt: 0, readTimer: null, lastReadAt: 0, resendTimer: null,
    membersTimer: null, resentGeneration: 0, connection: null,
  };
  s = session;
  resetView();
  byTestId('send-button').disabled = false;
  session.connection = new ChatConnection(token, {
    onFrame: (frame) => s === session && handleFrame(frame),
    onState: (state) => s === session && showState(state),
    lastId: () => session.maxId,
    stillAuthorized: () => hooks.stillAuthorized(),
  });
  session.outbox = new Outbox((frame) => session.connection.send(frame), (room) => session.rooms.get(room)?.view);
  session.connection.start();
  input.focus();
}

export function stop() {
  if (!s) return;
  const session = s;
  session.connection.stop();
  s = null;
  for (const timer of [session.readTimer, session.resendTimer, session.membersTimer]) clearTimeout(timer);
  typing.clear();
  dialogs.closeAll();
  resetView();
  byTestId('send-button').disabled = true;
}

function resetView() {
  scroller.replaceChildren();
  sidebar.render([], null);
  people.render(null);
  renderHeader(null);
  renderTyping();
  search.clear();
  closeDrawer();
  jump.hidden = true;
  input.value = '';
  showHint(COMPOSER_HINT);
}

function currentRoom() {
  return s && s.current ? s.rooms.get(s.current) ?? null : null;
}

// ---- frames from the server (docs/protocol.md section 4.3) ----

function handleFrame(frame) {
  switch (frame.type) {
    case 'rooms': return applyRooms(frame.rooms);
    case 'history': return applyHistory(frame);
    case 'message': return applyMessage(frame);
    case 'edit': return roomFor(frame)?.view.applyEdit(frame);
    case 'delete': return applyDelete(frame);
    case 'presence': return applyPresence(frame);
    case 'typing': return applyTyping(frame);
    case 'read': return applyRead(frame);
    case 'room_joined': return applyJoined(frame.room);
    case 'room_left': return applyLeft(frame);
    case 'members': return applyMembers(frame);
    case 'error': return applyError(frame);
    default: return undefined; // newer frame types are ignored
  }
}

function roomFor(frame) {
  const id = frame.room ?? HOME;
  if (!s.rooms.has(id) && id === HOME && s.rooms.size === 0) {
    // A server that sent no rooms frame (v1): general alone.
    applyRooms([{ room: HOME, name: HOME, kind: 'public', topic: null, owner: null, unread: 0, lastReadId: 0 }]);
  }
  return s.rooms.get(id) ?? null;
}

function applyRooms(list) {
  if (!Array.isArray(list)) return;
  const listed = new Set(list.map((desc) => desc.room));
  for (const room of [...s.rooms.values()]) if (!listed.has(room.id) && !room.localOnly) dropRoom(room.id);
  for (const desc of list) {
    if (desc && desc.room) ensureRoom(desc).localOnly = false;
  }
  renderSidebar();
  if (!currentRoom()) openRoom(initialRoom());
  // The outbox goes out once the connect sequence (rooms, histories, presence) is through: the server only
  // takes room messages on a new socket from then on. Presence is its last step; the timer is a fallback.
  clearTimeout(s.resendTimer);
  s.resendTimer = setTimeout(resendOncePerConnection, CONNECT_SETTLE_MS);
}

function applyHistory(frame) {
  const room = roomFor(frame);
  if (!room) return;
  const messages = Array.isArray(frame.messages) ? frame.messages : [];
  messages.forEach((message) => s.outbox.acknowledge(message, s.me));
  if ('before' in frame || 'after' in frame) {
    // A page this tab asked for: older (or newer) messages, kept in place on screen.
    keepAnchor(room, () => messages.forEach((message) => room.view.add(message)));
    if ('before' in frame) room.view.hasMore = Boolean(frame.hasMore) && messages.length > 0;
    return;
  }
  messages.forEach((message) => noteId(message.id));
  const first = !room.view.loaded || frame.resync === true;
  follow(room, () => room.view.applyHistory(messages, frame.resync === true));
  if (room.id === s.current && first) positionOnOpen(room);
  else if (room.id === s.current) scheduleRead();
}

function applyMessage(message) {
  const room = roomFor(message);
  if (!room) return;
  s.outbox.acknowledge(message, s.me);
  noteId(message.id);
  typing.remove(room.id, message.username);
  room.localOnly = false;
  if (!follow(room, () => room.view.add(message))) return; // already shown
  room.desc.lastMessageId = Math.max(room.desc.lastMessageId || 0, message.id);
  if (message.username !== s.me && !message.deleted && message.id > (room.desc.lastReadId || 0)) {
    room.desc.unread = (room.desc.unread || 0) + 1;
    updateBadge(room);
  }
  if (room.id === s.current) scheduleRead();
}

function applyDelete(frame) {
  const room = roomFor(frame);
  const before = room?.view.applyDelete(frame.id);
  if (!before) return;
  if (before.username !== s.me && before.id > (room.desc.lastReadId || 0) && room.desc.unread > 0) {
    room.desc.unread -= 1;
    updateBadge(room);
  }
}

function applyPresence(frame) {
  const room = roomFor(frame);
  if (!room) return;
  if (s.resentGeneration !== s.connection.generation) {
    clearTimeout(s.resendTimer);
    resendOncePerConnection();
  }
  room.online = new Set(Array.isArray(frame.online) ? frame.online : []);
  if (room.id === s.current) people.render(room, s.me);
  if (room.desc.kind === 'direct') updateBadge(room);
}

function applyTyping(frame) {
  const room = roomFor(frame);
  if (room && frame.username && frame.username !== s.me) typing.add(room.id, frame.username);
}

function applyRead(frame) {
  const room = roomFor(frame);
  if (!room || typeof frame.lastReadId !== 'number') return;
  if (frame.lastReadId < (room.desc.lastReadId || 0)) return; // older than what this tab marked
  room.desc.lastReadId = frame.lastReadId;
  if (typeof frame.unread === 'number') room.desc.unread = frame.unread;
  updateBadge(room);
}

function applyJoined(desc) {
  if (!desc || !desc.room) return;
  ensureRoom(desc).localOnly = false;
  renderSidebar();
}

function applyLeft(frame) {
  const room = s.rooms.get(frame.room);
  if (!room) return;
  const name = roomLabel(room.desc);
  dropRoom(room.id);
  if (frame.reason === 'removed') hooks.notice(`You were removed from ${name}.`);
}

function applyMembers(frame) {
  const room = roomFor(frame);
  if (!room) return;
  if (room.members && frame.username) {
    const others = room.members.filter((member) => member.username !== frame.username);
    room.members = frame.change === 'left' ? others
      : [...others, { username: frame.username, online: false, owner: false }];
  }
  if (room.id === s.current) {
    people.render(room, s.me);
    clearTimeout(s.membersTimer);
    s.membersTimer = setTimeout(() => refreshMembers(currentRoom()), MEMBERS_REFRESH_MS);
  }
}

function applyError(frame) {
  if (s.outbox.fail(frame.clientId, frame.message || frame.code)) return;
  hooks.notice(frame.message || frame.code || 'The server reported an error.');
  if (!PERMANENT_ERRORS.has(frame.code)) scheduleResend();
}

/** The highest message id seen on the socket, for ?since= after a drop. */
function noteId(id) {
  if (typeof id === 'number') s.maxId = s.maxId == null ? id : Math.max(s.maxId, id);
}

// ---- rooms ----

function ensureRoom(desc) {
  let room = s.rooms.get(desc.room);
  if (!room) {
    room = { id: desc.room, desc: { ...desc }, view: new RoomView(desc.room, s.me, viewActions),
      online: null, members: null, localOnly: false };
    s.rooms.set(room.id, room);
    scroller.append(room.view.list);
    return room;
  }
  const fresher = (desc.lastReadId ?? 0) >= (room.desc.lastReadId ?? 0);
  room.desc = { ...room.desc, ...desc,
    lastReadId: Math.max(room.desc.lastReadId ?? 0, desc.lastReadId ?? 0),
    unread: fresher && typeof desc.unread === 'number' ? desc.unread : room.desc.unread };
  if (room.id === s.current) renderHeader(room);
  return room;
}

/** A room the server just gave us over REST (created, joined, a DM): show it and open it. */
function adopt(desc, { direct = false } = {}) {
  if (!s || !desc || !desc.room) return;
  const known = s.rooms.has(desc.room);
  const room = ensureRoom(desc);
  if (!known) {
    if (desc.lastMessageId > 0) loadLatest(room);
    else {
      room.view.loaded = true; // nothing stored yet
      room.localOnly = direct; // a DM exists for the other person only once its first message is stored
    }
    renderSidebar();
  }
  openRoom(room.id);
}

/** The latest page over REST, for a room joined before its socket history arrives. */
async function loadLatest(room) {
  const session = s;
  const result = await api.messagesBefore(session.token, room.id, undefined, PAGE_SIZE);
  if (s !== session || s.rooms.get(room.id) !== room || !result.ok || room.view.loaded) return;
  const messages = Array.isArray(result.data.messages) ? result.data.messages : [];
  room.view.applyHistory(messages, false);
  room.view.hasMore = Boolean(result.data.hasMore);
  if (room.id === s.current) positionOnOpen(room);
}

function dropRoom(id) {
  const room = s.rooms.get(id);
  if (!room) return;
  room.view.list.remove();
  s.rooms.delete(id);
  s.outbox.dropRoom(id);
  renderSidebar();
  if (s.current === id) {
    s.current = null;
    openRoom(initialRoom());
  }
}

function initialRoom() {
  let saved = null;
  try {
    saved = sessionStorage.getItem(ROOM_KEY);
  } catch {
    // storage blocked: start in general
  }
  if (saved && s.rooms.has(saved)) return saved;
  return s.rooms.has(HOME) ? HOME : s.rooms.keys().next().value;
}

function openRoom(id) {
  const room = s?.rooms.get(id);
  if (!room) return;
  closeDrawer();
  if (s.current === id) return;
  const previous = currentRoom();
  if (previous) {
    previous.view.list.hidden = true;
    previous.view.removeDivider();
  }
  s.current = id;
  try {
    sessionStorage.setItem(ROOM_KEY, id); // a reload comes back to this room
  } catch {
    // not essential
  }
  room.view.list.hidden = false;
  jump.hidden = true;
  renderHeader(room);
  sidebar.setCurrent(id);
  people.render(room, s.me);
  renderTyping();
  input.placeholder = `Message ${roomLabel(room.desc)}`;
  if (room.view.loaded) positionOnOpen(room);
  refreshMembers(room);
}

/**
 * Opening a room: "New messages" above the first unread one (scrolled into view), else the newest. A room never
 * read (just joined, or general for someone new) opens at the newest: its whole past is not news.
 */
function positionOnOpen(room) {
  const lastRead = room.desc.lastReadId || 0;
  const divider = lastRead > 0 ? room.view.placeDivider(lastRead) : null;
  if (divider) scrollArea.toNode(divider);
  else scrollArea.toBottom();
  scheduleRead();
}

function renderSidebar() {
  sidebar.render(s.rooms.values(), s.current);
}

function updateBadge(room) {
  sidebar.update(room, s.rooms.values());
}

function renderHeader(room) {
  const topic = byTestId('room-topic');
  byTestId('room-name').textContent = room ? roomLabel(room.desc) : '';
  topic.textContent = room?.desc.topic ?? '';
  topic.hidden = !topic.textContent;
  const owner = Boolean(room && s && room.desc.owner === s.me);
  byTestId('invite-member').hidden = !(room && room.desc.kind === 'private' && owner);
  byTestId('leave-room').hidden = !(room && room.desc.kind !== 'direct' && room.id !== HOME && !owner);
  byTestId('chat-view').setAttribute('aria-label', room ? `Chat: ${roomLabel(room.desc)}` : 'Chat');
}

function renderTyping() {
  byTestId('typing-indicator').textContent = s && s.current ? typingText(typing.names(s.current)) : '';
}

async function refreshMembers(room) {
  if (!s || !room) return;
  const session = s;
  const result = await api.members(session.token, room.id);
  if (s !== session || !result.ok || s.rooms.get(room.id) !== room) return;
  room.members = Array.isArray(result.data.members) ? result.data.members : [];
  if (room.id === s.current) people.render(room, s.me);
}

function confirmRemoveMember(username) {
  const room = currentRoom();
  if (!room) return;
  dialogs.confirm(`Remove ${username} from ${roomLabel(room.desc)}?`, 'Remove', async () => {
    const result = await api.removeMember(s.token, room.id, username);
    if (!result.ok) return api.errorMessage(result);
    refreshMembers(room);
    return null;
  });
}

function confirmLeave() {
  const room = currentRoom();
  if (!room) return;
  dialogs.confirm(`Leave ${roomLabel(room.desc)}?`, 'Leave', async () => {
    const result = await api.leaveRoom(s.token, room.id);
    if (!result.ok) return api.errorMessage(result);
    dropRoom(room.id);
    return null;
  });
}

// ---- reading: mark read what is on screen, at most a few times a second ----

function scheduleRead() {
  if (!s || s.readTimer) return;
  const wait = Math.max(0, s.lastReadAt + READ_EVERY_MS - Date.now());
  s.readTimer = setTimeout(() => {
    if (!s) return;
    s.readTimer = null;
    s.lastReadAt = Date.now();
    markRead();
  }, wait);
}

function markRead() {
  const room = currentRoom();
  if (!room || document.visibilityState !== 'visible') return;
  const lastRead = room.desc.lastReadId || 0;
  const id = scrollArea.lastVisibleId(room.view.list);
  if (id == null || id <= lastRead || room.view.latestOthersId() <= lastRead) return;
  if (!s.connection.send({ type: 'read', room: room.id, id })) return;
  room.desc.lastReadId = id;
  room.desc.unread = room.view.unreadAfter(id);
  updateBadge(room);
}

// ---- scrolling and older pages ----

/** Follows new messages in the open room only if the reader was already at the bottom. */
function follow(room, change) {
  return room.id === s.current ? scrollArea.follow(room.view.list, change) : change();
}

/** Adds older messages above without moving what is on screen. */
function keepAnchor(room, change) {
  return room.id === s.current ? scrollArea.keepPlace(change) : change();
}

/** Loads the page before the oldest message shown; resolves to true when something was added. */
async function loadOlder(room, limit = PAGE_SIZE) {
  const view = room?.view;
  if (!view || !view.loaded || !view.hasMore || view.firstId == null) return false;
  if (view.loading) return view.loading;
  if (view.retryAt && Date.now() < view.retryAt) return false;
  const session = s;
  view.loading = (async () => {
    const result = await api.messagesBefore(session.token, room.id, view.firstId, limit);
    if (s !== session || s.rooms.get(room.id) !== room) return false;
    if (!result.ok) {
      view.retryAt = Date.now() + PAGE_RETRY_MS;
      hooks.notice(api.errorMessage(result));
      return false;
    }
    const messages = Array.isArray(result.data.messages) ? result.data.messages : [];
    keepAnchor(room, () => messages.forEach((message) => view.add(message)));
    view.hasMore = Boolean(result.data.hasMore) && messages.length > 0;
    return messages.length > 0;
  })();
  try {
    return await view.loading;
  } finally {
    view.loading = null;
  }
}

/** Opens a room at one message (from search): loads older pages until it is there (bounded), highlights it. */
async function reveal(roomId, id) {
  const room = s?.rooms.get(roomId);
  if (!room) return hooks.notice('That room is no longer in your list.');
  openRoom(roomId);
  for (let page = 0; page < SEARCH_MAX_PAGES && !room.view.byId.has(id); page += 1) {
    if (!(await loadOlder(room, SEARCH_PAGE_SIZE))) break;
  }
  if (!s || s.current !== roomId) return undefined; // the reader moved on meanwhile
  const item = room.view.highlight(id);
  if (!item) return hooks.notice('That message could not be found; it may have been deleted.');
  item.tabIndex = -1;
  item.scrollIntoView({ block: 'center' });
  item.focus({ preventScroll: true });
  return undefined;
}

// ---- sending ----

function submitMessage() {
  const room = currentRoom();
  if (!room) return;
  const text = input.value;
  const problem = validateText(text);
  if (problem) {
    showHint(problem, true);
    return;
  }
  const sent = s.outbox.add(room.id, text);
  scrollArea.toBottom();
  input.value = '';
  showHint(sent || s.connection.online ? COMPOSER_HINT : OFFLINE_HINT);
}

/** Once per connection, after its connect sequence: what was not acknowledged goes out again. */
function resendOncePerConnection() {
  if (s.resentGeneration === s.connection.generation) return;
  s.resentGeneration = s.connection.generation;
  s.outbox.resend();
}

/** Resends after a short, jittered pause, so a busy server is not hit again at once. */
function scheduleResend() {
  clearTimeout(s.resendTimer);
  s.resendTimer = setTimeout(() => s?.outbox.resend(), 1000 + Math.random() * 1000);
}

async function editMessage(roomId, id, text) {
  const problem = validateText(text);
  if (problem) return problem;
  const result = await api.editMessage(s.token, roomId, id, text);
  if (!result.ok) return api.errorMessage(result);
  s?.rooms.get(roomId)?.view.applyEdit({ ...result.data, id, text: result.data.text ?? text });
  return null;
}

function removeMessage(roomId, id) {
  dialogs.confirm('Delete this message? Everyone in the room will see that it was deleted.', 'Delete', async () => {
    const result = await api.deleteMessage(s.token, roomId, id);
    if (!result.ok) return api.errorMessage(result);
    applyDelete({ room: roomId, id });
    return null;
  });
}

function announceTyping() {
  const room = currentRoom();
  if (!room || room.localOnly) return;
  const now = Date.now();
  if (s.typingRoom === room.id && now - s.typingSentAt < TYPING_EVERY_MS) return;
  if (s.connection.send({ type: 'typing', room: room.id })) {
    s.typingRoom = room.id;
    s.typingSentAt = now;
  }
}

function validateText(text) {
  if (!text.trim()) return 'Type a message first.';
  const length = [...text].length;
  if (length > MAX_TEXT_LENGTH) return `Messages can be at most ${MAX_TEXT_LENGTH} characters (this one has ${length}).`;
  return null;
}

function showState(state) {
  hooks.onState(state);
  const hint = byTestId('composer-hint');
  if (state === 'online' && hint.textContent === OFFLINE_HINT) showHint(COMPOSER_HINT);
  else if (state !== 'online' && state !== 'connecting' && hint.textContent === COMPOSER_HINT) showHint(OFFLINE_HINT);
}

function showHint(text, isError = false) {
  const hint = byTestId('composer-hint');
  if (hint.textContent !== text) hint.textContent = text; // unchanged text: nothing to re-announce
  hint.classList.toggle('composer__hint--error', isError);
}

// ---- controls ----

function openDrawer() {
  sidebarPanel.classList.add('sidebar--open');
  sidebarToggle.setAttribute('aria-expanded', 'true');
  sidebar.focusCurrent();
}

function closeDrawer() {
  if (!sidebarPanel.classList.contains('sidebar--open')) return;
  const hadFocus = sidebarPanel.contains(document.activeElement);
  sidebarPanel.classList.remove('sidebar--open');
  sidebarToggle.setAttribute('aria-expanded', 'false');
  if (hadFocus) sidebarToggle.focus();
}

function wireControls() {
  const form = byTestId('composer');
  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter (and Enter while an IME is composing) inserts a line break.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    if (!s) return;
    const tooLong = [...input.value].length > MAX_TEXT_LENGTH && validateText(input.value);
    const offline = !s.connection.online;
    showHint(tooLong || (offline ? OFFLINE_HINT : COMPOSER_HINT), Boolean(tooLong));
    if (input.value.trim()) announceTyping();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (s) submitMessage();
  });
  scroller.addEventListener('scroll', () => {
    if (!s) return;
    if (scrollArea.atBottom()) jump.hidden = true;
    scheduleRead();
    if (scroller.scrollTop < LOAD_OLDER_PX) loadOlder(currentRoom());
  });
  jump.addEventListener('click', () => {
    scrollArea.toBottom();
    scheduleRead();
  });
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && scheduleRead());
  window.addEventListener('focus', () => scheduleRead());

  byTestId('create-room').addEventListener('click', () => dialogs.createRoom());
  byTestId('browse-rooms').addEventListener('click', () => dialogs.directory());
  byTestId('start-dm').addEventListener('click', () => dialogs.startDm());
  byTestId('invite-member').addEventListener('click', () => dialogs.invite());
  byTestId('leave-room').addEventListener('click', confirmLeave);
  sidebarToggle.addEventListener('click', () => (sidebarPanel.classList.contains('sidebar--open') ? closeDrawer() : openDrawer()));
  byTestId('sidebar-close').addEventListener('click', closeDrawer);
  sidebarPanel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && sidebarPanel.classList.contains('sidebar--open')) closeDrawer();
  });
  // On a phone the member list starts folded so the conversation gets the room.
  if (window.matchMedia('(max-width: 640px)').matches) byTestId('online-panel').open = false;
}
