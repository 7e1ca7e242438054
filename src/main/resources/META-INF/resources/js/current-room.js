// The room being viewed: opening it, where it opens (the first unread message, else the newest), following new
// messages without yanking a reader who scrolled up, older pages on scrolling to the top, jumping to a search
// result, and who is typing there.
import * as api from './api.js';
import { currentRoom, isListed, notice, session } from './chat-state.js';
import { setRecipient } from './composer.js';
import { closeDrawer } from './drawer.js';
import { refreshMembers, showMembers } from './members.js';
import { scheduleRead } from './read-marker.js';
import { renderHeader } from './room-header.js';
import { ensureRoom, forgetRoom, initialRoom, rememberRoom, renderSidebar, sidebar } from './rooms.js';
import { messageArea } from './scroller.js';
import { Typing, typingLine } from './typing.js';
import { byTestId, roomLabel } from './dom.js';

const PAGE_SIZE = 50;
const SEARCH_PAGE_SIZE = 100;
const SEARCH_MAX_PAGES = 20; // how far back a search result is looked for before giving up
const LOAD_OLDER_PX = 150;
const PAGE_RETRY_MS = 5000;

export const typing = new Typing((room) => room === session?.current && renderTyping());

export function openRoom(id) {
  const room = session?.rooms.get(id);
  if (!room) return;
  closeDrawer();
  if (session.current === id) return;
  const previous = currentRoom();
  if (previous) {
    previous.view.list.hidden = true;
    previous.view.removeDivider(); // placed afresh on the next visit
  }
  session.current = id;
  rememberRoom(id); // a reload comes back to this room
  room.view.list.hidden = false;
  messageArea.jump.hidden = true;
  renderHeader(room);
  sidebar.setCurrent(id);
  showMembers(room);
  renderTyping();
  setRecipient(roomLabel(room.desc));
  if (room.view.loaded) positionOnOpen(room); // else its history frame does it
  refreshMembers(room);
}

/**
 * Opening a room: "New messages" above the first unread one (scrolled into view), else the newest. A room never
 * read (just joined, or general for someone new) opens at the newest: its whole past is not news.
 */
export function positionOnOpen(room) {
  const lastRead = room.desc.lastReadId || 0;
  const divider = lastRead > 0 ? room.view.placeDivider(lastRead) : null;
  if (divider) messageArea.toNode(divider);
  else messageArea.toBottom();
  scheduleRead();
}

/** A room the server just gave us over REST (created, joined, a DM): show it and open it. */
export function adopt(desc, { direct = false } = {}) {
  if (!session || !desc || !desc.room) return;
  const known = session.rooms.has(desc.room);
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

/** A room left or removed: gone from the page, and if it was open, the starting room opens instead. */
export function removeRoom(id) {
  if (!session?.rooms.has(id)) return;
  const wasOpen = session.current === id;
  forgetRoom(id);
  if (wasOpen) openRoom(initialRoom());
}

/** Runs a change to a room's list; in the open room, follows it only if the reader was already at the bottom. */
export function follow(room, change) {
  return room.id === session.current ? messageArea.follow(room.view.list, change) : change();
}

/** Adds older messages above without moving what is on screen. */
export function keepAnchor(room, change) {
  return room.id === session.current ? messageArea.keepPlace(change) : change();
}

/** Opens a room at one message (from search): loads older pages until it is there (bounded), highlights it. */
export async function reveal(roomId, id) {
  const room = session?.rooms.get(roomId);
  if (!room) return notice('That room is no longer in your list.');
  openRoom(roomId);
  for (let page = 0; page < SEARCH_MAX_PAGES && !room.view.byId.has(id); page += 1) {
    if (!(await loadOlder(room, SEARCH_PAGE_SIZE))) break;
  }
  if (session?.current !== roomId) return undefined; // the reader moved on meanwhile
  const item = room.view.highlight(id);
  if (!item) return notice('That message could not be found; it may have been deleted.');
  item.tabIndex = -1;
  item.scrollIntoView({ block: 'center' });
  item.focus({ preventScroll: true });
  return undefined;
}

/** Empties the message area, header and typing line (signing in or out). */
export function clearView() {
  messageArea.element.replaceChildren();
  messageArea.jump.hidden = true;
  renderHeader(null);
  renderTyping();
}

function renderTyping() {
  byTestId('typing-indicator').replaceChildren(...(session?.current ? typingLine(typing.names(session.current)) : []));
}

/** The latest page over REST, for a room joined before its socket history arrives. */
async function loadLatest(room) {
  const result = await api.messagesBefore(session.token, room.id, undefined, PAGE_SIZE);
  if (!isListed(room) || !result.ok || room.view.loaded) return;
  const messages = Array.isArray(result.data.messages) ? result.data.messages : [];
  room.view.applyHistory(messages, false);
  room.view.hasMore = Boolean(result.data.hasMore);
  if (room.id === session.current) positionOnOpen(room);
}

/** Loads the page before the oldest message shown; resolves to true when something was added. */
async function loadOlder(room, limit = PAGE_SIZE) {
  const view = room?.view;
  if (!view || !view.loaded || !view.hasMore || view.firstId == null) return false;
  if (view.loading) return view.loading; // one request at a time per room
  if (view.retryAt && Date.now() < view.retryAt) return false; // a failed page is not retried on every scroll
  view.loading = (async () => {
    const result = await api.messagesBefore(session.token, room.id, view.firstId, limit);
    if (!isListed(room)) return false;
    if (!result.ok) {
      view.retryAt = Date.now() + PAGE_RETRY_MS;
      notice(api.errorMessage(result));
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

messageArea.element.addEventListener('scroll', () => {
  if (!session) return;
  if (messageArea.atBottom()) messageArea.jump.hidden = true;
  scheduleRead();
  if (messageArea.element.scrollTop < LOAD_OLDER_PX) loadOlder(currentRoom());
});
messageArea.jump.addEventListener('click', () => {
  messageArea.toBottom();
  scheduleRead();
});
