// What the buttons on a message do: edit or delete my stored messages (over REST), retry or discard the ones the
// server refused (through the outbox).
import * as api from './api.js';
import { session } from './chat-state.js';
import { validateText } from './composer.js';
import { confirm } from './dialogs.js';

/** The actions every RoomView offers (see messages.js). */
export const viewActions = {
  edit: editMessage,
  remove: removeMessage,
  retry: (clientId) => session?.outbox.retry(clientId),
  discard: (clientId) => session?.outbox.discard(clientId),
  cancelUpload: (clientId, key) => session?.outbox.cancelUpload(clientId, key),
  retryUpload: (clientId, key) => session?.outbox.retryUpload(clientId, key),
};

/** Resolves to an error to show in the editor, or null when saved. */
async function editMessage(roomId, id, text) {
  const problem = validateText(text);
  if (problem) return problem;
  const result = await api.editMessage(session.token, roomId, id, text);
  if (!result.ok) return api.errorMessage(result);
  session?.rooms.get(roomId)?.view.applyEdit({ ...result.data, id, text: result.data.text ?? text });
  return null;
}

function removeMessage(roomId, id) {
  confirm('Delete this message? Everyone in the room will see that it was deleted.', 'Delete', async () => {
    const result = await api.deleteMessage(session.token, roomId, id);
    if (!result.ok) return api.errorMessage(result);
    // Shown at once rather than with the delete frame; it is my message, so no unread count changes.
    session?.rooms.get(roomId)?.view.applyDelete(id);
    return null;
  });
}
