// The open room's member list: fetched over REST when the room opens, kept current by presence and members
// frames, with Remove for the owner of a private room.
import * as api from './api.js';
import { currentRoom, isListed, session } from './chat-state.js';
import { confirm } from './dialogs.js';
import { People } from './people.js';
import { byTestId, roomLabel } from './dom.js';

// A members frame is applied at once; the REST list that follows a moment later brings the details
// (online, owner), and a burst of changes costs one request.
const REFRESH_AFTER_CHANGE_MS = 300;

const people = new People(byTestId('member-list'), byTestId('online-count'), confirmRemoveMember);
let refreshTimer = null;

// On a phone the member list starts folded so the conversation gets the room.
if (window.matchMedia('(max-width: 640px)').matches) byTestId('online-panel').open = false;

/** Redraws the list if the room is the open one. */
export function showMembers(room) {
  if (room && room.id === session?.current) people.render(room, session.me);
}

export function clearMembers() {
  people.render(null);
}

export async function refreshMembers(room) {
  if (!isListed(room)) return;
  const result = await api.members(session.token, room.id);
  if (!result.ok || !isListed(room)) return;
  room.members = Array.isArray(result.data.members) ? result.data.members : [];
  showMembers(room);
}

/** A members frame: someone joined or left. */
export function memberChanged(room, username, change) {
  if (room.members && username) {
    const others = room.members.filter((member) => member.username !== username);
    room.members = change === 'left' ? others : [...others, { username, online: false, owner: false }];
  }
  if (room.id !== session.current) return;
  showMembers(room);
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refreshMembers(currentRoom()), REFRESH_AFTER_CHANGE_MS);
}

/**
 * Everyone a presence frame names online is a member, also someone who registered after the list was fetched
 * (general has no members frames); listing them keeps them shown, as offline, once they leave.
 */
export function rememberMembers(room, usernames) {
  if (!room.members) return;
  const listed = new Set(room.members.map((member) => member.username));
  for (const username of usernames) {
    if (!listed.has(username)) room.members.push({ username, online: true, owner: false });
  }
}

export function cancelMembersRefresh() {
  clearTimeout(refreshTimer);
}

function confirmRemoveMember(username) {
  const room = currentRoom();
  if (!room) return;
  confirm(`Remove ${username} from ${roomLabel(room.desc)}?`, 'Remove', async () => {
    const result = await api.removeMember(session.token, room.id, username);
    if (!result.ok) return api.errorMessage(result);
    refreshMembers(room);
    return null;
  });
}
