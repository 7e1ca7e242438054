// Marks read what the reader has seen of the open room (the newest message on screen), at most twice a second,
// and only while the page is visible.
import { currentRoom, session } from './chat-state.js';
import { updateBadge } from './rooms.js';
import { messageArea } from './scroller.js';

const READ_EVERY_MS = 500;

let timer = null;
let lastReadAt = 0;

export function scheduleRead() {
  if (!session || timer) return;
  const wait = Math.max(0, lastReadAt + READ_EVERY_MS - Date.now());
  timer = setTimeout(() => {
    timer = null;
    lastReadAt = Date.now();
    markRead();
  }, wait);
}

export function cancelRead() {
  clearTimeout(timer);
  timer = null;
  lastReadAt = 0;
}

function markRead() {
  const room = currentRoom();
  if (!room || document.visibilityState !== 'visible') return;
  const lastRead = room.desc.lastReadId || 0;
  const id = messageArea.lastVisibleId(room.view.list);
  // Nothing new on screen, or only my own messages since the marker: no frame to send.
  if (id == null || id <= lastRead || room.view.latestOthersId() <= lastRead) return;
  if (!session.connection.send({ type: 'read', room: room.id, id })) return;
  room.desc.lastReadId = id;
  room.desc.unread = room.view.unreadAfter(id);
  updateBadge(room);
}

document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && scheduleRead());
window.addEventListener('focus', () => scheduleRead());
