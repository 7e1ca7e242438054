// The session's rooms: adding, merging and forgetting them, the room to start in, and the sidebar that lists them
// with their unread badges.
import { HOME, session } from './chat-state.js';
import { viewActions } from './message-actions.js';
import { RoomView } from './messages.js';
import { renderHeader } from './room-header.js';
import { messageArea } from './scroller.js';
import { Sidebar } from './sidebar.js';
import { byTestId } from './dom.js';

const ROOM_KEY = 'chatterbox.room';

// Opening a room is above this module (current-room.js), so chat.js hands the sidebar's links their target.
let choose = () => {};
export const sidebar = new Sidebar(byTestId('room-list'), byTestId('dm-list'), byTestId('total-unread'), (id) => choose(id));

export function onRoomChosen(open) {
  choose = open;
}

/** Adds a room from its descriptor, or merges a newer descriptor into the known one. */
export function ensureRoom(desc) {
  let room = session.rooms.get(desc.room);
  if (!room) {
    room = { id: desc.room, desc: { ...desc }, view: new RoomView(desc.room, session.me, viewActions),
      online: null, members: null, localOnly: false };
    session.rooms.set(room.id, room);
    messageArea.element.append(room.view.list);
    return room;
  }
  // A descriptor may be older than a read marker this tab already moved: the marker and its count never go back.
  const fresher = (desc.lastReadId ?? 0) >= (room.desc.lastReadId ?? 0);
  room.desc = { ...room.desc, ...desc,
    lastReadId: Math.max(room.desc.lastReadId ?? 0, desc.lastReadId ?? 0),
    unread: fresher && typeof desc.unread === 'number' ? desc.unread : room.desc.unread };
  if (room.id === session.current) renderHeader(room);
  return room;
}

/** Drops a room (left, removed) with what was waiting to be sent to it; the caller opens another if it was open. */
export function forgetRoom(id) {
  const room = session.rooms.get(id);
  if (!room) return;
  room.view.list.remove();
  session.rooms.delete(id);
  session.outbox.dropRoom(id);
  if (session.current === id) session.current = null;
  renderSidebar();
}

/** The room a reload was in, else general. */
export function initialRoom() {
  let saved = null;
  try {
    saved = sessionStorage.getItem(ROOM_KEY);
  } catch {
    // storage blocked: start in general
  }
  if (saved && session.rooms.has(saved)) return saved;
  return session.rooms.has(HOME) ? HOME : session.rooms.keys().next().value;
}

export function rememberRoom(id) {
  try {
    sessionStorage.setItem(ROOM_KEY, id);
  } catch {
    // not essential
  }
}

export function renderSidebar() {
  sidebar.render(session ? session.rooms.values() : [], session?.current ?? null);
}

/** Redraws one room's badge (and a DM's online mark) and the total. */
export function updateBadge(room) {
  sidebar.update(room, session.rooms.values());
}
