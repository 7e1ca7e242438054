// The dialogs: create a room, browse public rooms, start a direct message, add a member, confirm.
// Native <dialog>s opened with showModal(): focus stays inside, Escape closes, focus returns afterwards.
import * as api from './api.js';
import { button, byTestId, element, onSubmit, userText } from './dom.js';

for (const close of document.querySelectorAll('dialog [data-close]')) {
  close.addEventListener('click', () => close.closest('dialog').close());
}

/** Wires a dialog whose form runs submit(data) -> Promise<string|null>; a string is shown as the error. */
function formDialog(dialog, submit) {
  const form = dialog.querySelector('form');
  const error = dialog.querySelector('.form__error');
  onSubmit(form, async () => {
    error.textContent = '';
    const problem = await submit(new FormData(form));
    if (problem) error.textContent = problem;
    else dialog.close();
  });
  return {
    open() {
      form.reset();
      error.textContent = '';
      dialog.showModal();
      form.querySelector('input')?.focus();
    },
  };
}

const text = (data, name) => String(data.get(name) ?? '').trim();

let confirmAction = null;
const confirmDialog = formDialog(byTestId('confirm-dialog'), () => confirmAction());

/** Asks first; action() -> Promise<string|null> runs on OK, and an error keeps the dialog open. */
export function confirm(message, okLabel, action) {
  confirmAction = action;
  confirmDialog.open();
  byTestId('confirm-message').textContent = message;
  byTestId('confirm-ok').textContent = okLabel;
  byTestId('confirm-ok').focus();
}

export function closeAll() {
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
}

/**
 * chat: { token(), currentRoom(), adopt(desc, { direct }) -> opens the room (adding it if new),
 *         refreshMembers(), notice(text) }.
 * Returns the openers of the room dialogs.
 */
export function wireDialogs(chat) {
  const createRoom = formDialog(byTestId('create-room-dialog'), async (data) => {
    const result = await api.createRoom(chat.token(), {
      name: text(data, 'name'),
      topic: text(data, 'topic'),
      isPrivate: data.get('private') !== null,
    });
    if (!result.ok) return api.errorMessage(result);
    chat.adopt(result.data);
    return null;
  });

  const startDm = formDialog(byTestId('dm-dialog'), async (data) => {
    const username = text(data, 'username');
    if (!username) return 'Enter a username.';
    const result = await api.startDm(chat.token(), username);
    if (!result.ok) return api.errorMessage(result);
    chat.adopt(result.data, { direct: true });
    return null;
  });

  const invite = formDialog(byTestId('invite-dialog'), async (data) => {
    const username = text(data, 'username');
    const room = chat.currentRoom();
    if (!username) return 'Enter a username.';
    if (!room) return 'Open a room first.';
    const result = await api.addMember(chat.token(), room.id, username);
    if (!result.ok) return api.errorMessage(result);
    chat.refreshMembers();
    chat.notice(`${result.data.username ?? username} can now see ${room.desc.name}.`);
    return null;
  });

  const directoryDialog = byTestId('directory-dialog');

  async function openDirectory() {
    const list = byTestId('directory-list');
    const error = byTestId('directory-error');
    list.replaceChildren(element('li', 'directory__empty', 'Loading…'));
    list.setAttribute('aria-busy', 'true');
    error.textContent = '';
    directoryDialog.showModal();
    const result = await api.directory(chat.token());
    list.removeAttribute('aria-busy');
    if (!result.ok) {
      list.replaceChildren();
      error.textContent = api.errorMessage(result);
      return;
    }
    const rooms = Array.isArray(result.data.rooms) ? result.data.rooms : [];
    list.replaceChildren(...rooms.map((room) => directoryItem(room, list)));
    if (!rooms.length) list.append(element('li', 'directory__empty', 'No public rooms yet.'));
    list.querySelector('button')?.focus();
  }

  function directoryItem(room, list) {
    const item = element('li', 'directory__item');
    item.dataset.testid = 'directory-room';
    item.dataset.room = room.room;
    const about = element('div', 'directory__about');
    about.append(userText('span', 'directory__name', `#${room.name ?? room.room}`));
    const members = Number(room.members) || 0;
    about.append(element('span', 'directory__members', `${members} member${members === 1 ? '' : 's'}`));
    const topic = userText('p', 'directory__topic', room.topic ?? '');
    topic.dataset.testid = 'directory-topic';
    about.append(topic);
    const action = button('button button--small', room.joined ? 'Open' : 'Join', {
      testId: 'join-room', label: `${room.joined ? 'Open' : 'Join'} ${room.name ?? room.room}`,
    });
    action.addEventListener('click', async () => {
      action.disabled = true;
      const result = await api.joinRoom(chat.token(), room.room);
      action.disabled = false;
      if (!result.ok) {
        byTestId('directory-error').textContent = api.errorMessage(result);
        return;
      }
      directoryDialog.close();
      chat.adopt(result.data);
    });
    item.append(about, action);
    return item;
  }

  return {
    createRoom: () => createRoom.open(),
    startDm: () => startDm.open(),
    invite: () => invite.open(),
    directory: openDirectory,
  };
}
