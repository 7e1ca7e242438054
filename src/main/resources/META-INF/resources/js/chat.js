// The chat once signed in: starts and stops the session (one v2 socket for every room, and the outbox) and wires
// the page-wide room controls. The work itself is split by job:
//   server-frames.js  applies what the socket brings to the per-room state
//   rooms.js          the session's rooms and the sidebar listing them
//   current-room.js   opens, positions and pages the room being viewed
//   read-marker.js    marks read what is on screen
//   composer.js       writing and sending; composer-files.js the files chosen to go with it (uploads.js sends
//                     them, through the outbox); message-actions.js edit / delete / retry / discard
//   attachments.js    files in bubbles, with signed URLs from file-links.js; viewer.js shows an image full size
//   members.js        the member list; room-header.js the header; drawer.js the phone's room drawer
import * as api from './api.js';
import { begin, currentRoom, end, notice, session } from './chat-state.js';
import { resetComposer, showConnectionState } from './composer.js';
import { ChatConnection } from './connection.js';
import { adopt, clearView, openRoom, removeRoom, reveal, typing } from './current-room.js';
import { closeAll, confirm, wireDialogs } from './dialogs.js';
import { closeDrawer } from './drawer.js';
import { FileLinks } from './file-links.js';
import { cancelMembersRefresh, clearMembers, refreshMembers } from './members.js';
import { Outbox } from './outbox.js';
import { cancelRead } from './read-marker.js';
import { onRoomChosen, renderSidebar } from './rooms.js';
import { wireSearch } from './search.js';
import { handleFrame } from './server-frames.js';
import { uploadFile } from './uploads.js';
import { byTestId, roomLabel } from './dom.js';

const dialogs = wireDialogs({
  token: () => session?.token,
  currentRoom,
  adopt,
  refreshMembers: () => refreshMembers(currentRoom()),
  notice,
});
const search = wireSearch({
  token: () => session?.token,
  roomLabel: (id) => roomLabel(session?.rooms.get(id)?.desc) || id,
  reveal,
});
onRoomChosen(openRoom);
byTestId('create-room').addEventListener('click', () => dialogs.createRoom());
byTestId('browse-rooms').addEventListener('click', () => dialogs.directory());
byTestId('start-dm').addEventListener('click', () => dialogs.startDm());
byTestId('invite-member').addEventListener('click', () => dialogs.invite());
byTestId('leave-room').addEventListener('click', confirmLeave);

/** hooks: notice(text), onState(state), stillAuthorized() -> Promise<boolean>. */
export function start(token, me, hooks) {
  stop();
  const started = { token, me, hooks, rooms: new Map(), current: null, maxId: null, connection: null, outbox: null,
    links: new FileLinks(token) };
  begin(started);
  resetView(true);
  const live = () => session === started; // callbacks of a stopped session do nothing
  started.connection = new ChatConnection(token, {
    onFrame: (frame) => live() && handleFrame(frame),
    // The outbox goes out as soon as the room list is applied: the server orders whatever a socket sends after
    // opening behind its connect sequence, and rooms removed while offline are gone by now, with what waited for
    // them. Replayed history and the server's copies of already stored messages de-duplicate by clientId and id.
    onReady: () => live() && started.outbox.resend(),
    onState: (state) => {
      if (!live()) return;
      hooks.onState(state);
      showConnectionState(state);
    },
    lastId: () => started.maxId,
    stillAuthorized: () => hooks.stillAuthorized(),
  });
  started.outbox = new Outbox((frame) => started.connection.send(frame), (room) => started.rooms.get(room)?.view, {
    online: () => started.connection.online,
    upload: (room, file, onProgress) => uploadFile(token, room, file, onProgress),
    discard: (id) => api.deleteFile(token, id),
  });
  started.connection.start();
}

export function stop() {
  if (!session) return;
  session.connection.stop(); // still live: reports 'offline'
  session.outbox.stop();
  end();
  cancelRead();
  cancelMembersRefresh();
  typing.clear();
  closeAll();
  resetView(false);
}

function resetView(signedIn) {
  clearView();
  renderSidebar();
  clearMembers();
  search.clear();
  closeDrawer();
  resetComposer(signedIn);
}

function confirmLeave() {
  const room = currentRoom();
  if (!room) return;
  confirm(`Leave ${roomLabel(room.desc)}?`, 'Leave', async () => {
    const result = await api.leaveRoom(session.token, room.id);
    if (!result.ok) return api.errorMessage(result);
    removeRoom(room.id); // the room_left frame that follows finds it gone
    return null;
  });
}
