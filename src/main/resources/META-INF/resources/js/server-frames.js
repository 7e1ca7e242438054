// Applies the frames of the v2 socket (docs/protocol.md section 4.3) to the per-room state: messages, edits and
// deletions, unread counts, presence, typing, rooms joined and left, and errors.
import { currentRoom, notice, session } from './chat-state.js';
import { follow, openRoom, positionOnOpen, removeRoom, typing } from './current-room.js';
import { memberChanged, rememberMembers, showMembers } from './members.js';
import { scheduleRead } from './read-marker.js';
import { ensureRoom, initialRoom, renderSidebar, updateBadge } from './rooms.js';
import { roomLabel } from './dom.js';

// The server could not store a message just now; resending it with the same clientId is safe (protocol 2.5),
// so it stays pending and goes out again after a pause. Any other error about a message is final for it.
const TRY_AGAIN = new Set(['overloaded', 'store_failed', 'rate_limited', 'internal_error']);

export function handleFrame(frame) {
  switch (frame.type) {
    case 'rooms': return applyRooms(frame.rooms);
    case 'history': return applyHistory(frame);
    case 'message': return applyMessage(frame);
    case 'edit': return roomFor(frame)?.view.applyEdit(frame);
    case 'delete': return applyDelete(frame);
    case 'presence': return applyPresence(frame);
    case 'presence_changed': return applyPresenceChanged(frame);
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
  return session.rooms.get(frame.room) ?? null;
}

/** The first frame of every connection: the rooms I am in now (some may have gone while offline). */
function applyRooms(list) {
  if (!Array.isArray(list)) return;
  const listed = new Set(list.map((desc) => desc?.room));
  // A DM this tab opened but nobody wrote in yet is not on the server's list, and stays.
  for (const room of [...session.rooms.values()]) if (!listed.has(room.id) && !room.localOnly) removeRoom(room.id);
  for (const desc of list) {
    if (desc?.room) ensureRoom(desc).localOnly = false;
  }
  renderSidebar();
  if (!currentRoom()) openRoom(initialRoom());
}

function applyHistory(frame) {
  const room = roomFor(frame);
  if (!room) return;
  const messages = Array.isArray(frame.messages) ? frame.messages : [];
  messages.forEach((message) => session.outbox.acknowledge(message, session.me));
  messages.forEach((message) => noteId(message.id));
  const first = !room.view.loaded || frame.resync === true;
  follow(room, () => room.view.applyHistory(messages, frame.resync === true));
  if (room.id === session.current && first) positionOnOpen(room);
  else if (room.id === session.current) scheduleRead();
}

function applyMessage(message) {
  const room = roomFor(message);
  if (!room) return;
  session.outbox.acknowledge(message, session.me);
  noteId(message.id);
  typing.remove(room.id, message.username);
  room.localOnly = false;
  if (!follow(room, () => room.view.add(message))) return; // already shown (a replay, or a resent copy)
  room.desc.lastMessageId = Math.max(room.desc.lastMessageId || 0, message.id);
  if (message.username !== session.me && !message.deleted && message.id > (room.desc.lastReadId || 0)) {
    room.desc.unread = (room.desc.unread || 0) + 1;
    updateBadge(room);
  }
  if (room.id === session.current) scheduleRead();
}

function applyDelete(frame) {
  const room = roomFor(frame);
  const before = room?.view.applyDelete(frame.id);
  if (!before) return; // unknown here, or already deleted
  if (before.username !== session.me && before.id > (room.desc.lastReadId || 0) && room.desc.unread > 0) {
    room.desc.unread -= 1;
    updateBadge(room);
  }
}

/** The room's whole online list: on connecting and on joining a room. */
function applyPresence(frame) {
  const room = roomFor(frame);
  if (!room) return;
  room.online = new Set(Array.isArray(frame.online) ? frame.online : []);
  rememberMembers(room, room.online);
  presenceShown(room);
}

/** Who came online and who went offline since the last presence frame of the room. */
function applyPresenceChanged(frame) {
  const room = roomFor(frame);
  if (!room?.online) return; // the whole list always comes first; until it has, there is nothing to change
  const cameOnline = Array.isArray(frame.online) ? frame.online : [];
  for (const name of cameOnline) room.online.add(name);
  for (const name of Array.isArray(frame.offline) ? frame.offline : []) room.online.delete(name);
  rememberMembers(room, cameOnline);
  presenceShown(room);
}

function presenceShown(room) {
  showMembers(room);
  if (room.desc.kind === 'direct') updateBadge(room); // the DM's online mark
}

function applyTyping(frame) {
  const room = roomFor(frame);
  if (room && frame.username && frame.username !== session.me) typing.add(room.id, frame.username);
}

/** My read marker moved, maybe in another tab. */
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
  const room = roomFor(frame);
  if (!room) return;
  const name = roomLabel(room.desc);
  removeRoom(room.id);
  if (frame.reason === 'removed') notice(`You were removed from ${name}.`);
}

function applyMembers(frame) {
  const room = roomFor(frame);
  if (room) memberChanged(room, frame.username, frame.change);
}

function applyError(frame) {
  const reason = frame.message || frame.code || 'The server reported an error.';
  if (TRY_AGAIN.has(frame.code)) {
    notice(reason);
    session.outbox.resendSoon();
  } else if (!session.outbox.fail(frame.clientId, reason)) {
    notice(reason);
  }
}

/** The highest message id seen on the socket, for ?since= after a drop. */
function noteId(id) {
  if (typeof id === 'number') session.maxId = session.maxId == null ? id : Math.max(session.maxId, id);
}
