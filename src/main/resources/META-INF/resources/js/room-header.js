// The open room's header: its name and topic, and only the room buttons this reader may use.
import { HOME, session } from './chat-state.js';
import { byTestId, roomLabel } from './dom.js';

/** room: the open room, or null to clear the header. */
export function renderHeader(room) {
  const topic = byTestId('room-topic');
  byTestId('room-name').textContent = room ? roomLabel(room.desc) : '';
  topic.textContent = room?.desc.topic ?? '';
  topic.hidden = !topic.textContent;
  const owner = Boolean(room && session && room.desc.owner === session.me);
  // Only an owner adds people, and only to a private room; the owner, general and DMs cannot be left.
  byTestId('invite-member').hidden = !(room && room.desc.kind === 'private' && owner);
  byTestId('leave-room').hidden = !(room && room.desc.kind !== 'direct' && room.id !== HOME && !owner);
  byTestId('chat-view').setAttribute('aria-label', room ? `Chat: ${roomLabel(room.desc)}` : 'Chat');
}
