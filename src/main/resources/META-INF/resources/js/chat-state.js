// The signed-in chat session that the chat modules share; null on the login screen.

export const HOME = 'general';

/**
 * { token, me, hooks, connection, outbox, links (signed file URLs, file-links.js), rooms: Map(id -> room),
 *   current: id of the open room or null, maxId: the highest message id seen, for ?since= }.
 * A room: { id, desc (its descriptor, docs/protocol.md 4.1), view (a RoomView), online (Set of names, or null
 * before its first presence frame), members (from REST, or null), localOnly (a DM not yet stored on the server) }.
 * Imported as a live binding; only begin() and end() replace it.
 */
export let session = null;

export function begin(started) {
  session = started;
}

export function end() {
  session = null;
}

export function currentRoom() {
  return session?.current ? session.rooms.get(session.current) ?? null : null;
}

/** Whether a room still belongs to the live session: async work checks this before it touches the room. */
export function isListed(room) {
  return Boolean(room) && session?.rooms.get(room.id) === room;
}

export function notice(text) {
  session?.hooks.notice(text);
}
