// The composer: checks what was written, hands it to the outbox with any files chosen (composer-files.js), announces
// typing, and its hint line says what Enter does, what is wrong with the text or a file, or that what is sent now
// waits for the connection.
import { currentRoom, session } from './chat-state.js';
import { chosenFiles, clearFiles, filesSettling, onRefusal } from './composer-files.js';
import { messageArea } from './scroller.js';
import { byTestId } from './dom.js';

const MAX_TEXT_LENGTH = 4000; // code points, as the server counts
const TYPING_EVERY_MS = 3000; // the protocol asks for at most one typing frame per 3 s
const COMPOSER_HINT = 'Enter to send · Shift+Enter for a new line';
const OFFLINE_HINT = 'Offline: what you send now goes out when the connection is back.';

const form = byTestId('composer');
const input = byTestId('composer-input');
const hint = byTestId('composer-hint');
const sendButton = byTestId('send-button');
let typingSent = { room: null, at: 0 };

/** Why a text cannot be sent, or null (also used for edits). */
export function validateText(text) {
  if (!text.trim()) return 'Type a message first.';
  const length = [...text].length;
  if (length > MAX_TEXT_LENGTH) return `Messages can be at most ${MAX_TEXT_LENGTH} characters (this one has ${length}).`;
  return null;
}

/** Empties the composer; enabled for a new session (and focused), disabled once signed out. */
export function resetComposer(enabled) {
  input.value = '';
  clearFiles();
  showHint(COMPOSER_HINT);
  typingSent = { room: null, at: 0 };
  sendButton.disabled = !enabled;
  if (enabled) input.focus();
}

export function setRecipient(label) {
  input.placeholder = `Message ${label}`;
}

/** Follows the connection state: the offline hint while messages would wait, the usual one once back. */
export function showConnectionState(state) {
  if (state === 'online' && hint.textContent === OFFLINE_HINT) showHint(COMPOSER_HINT);
  else if (state !== 'online' && state !== 'connecting' && hint.textContent === COMPOSER_HINT) showHint(OFFLINE_HINT);
}

function submitMessage() {
  const settling = filesSettling();
  if (settling) {
    settling.then(() => session && submitMessage()); // files just dropped are still being checked
    return;
  }
  const room = currentRoom();
  if (!room) return;
  const files = chosenFiles();
  // With files the text is an optional caption: only whitespace means none.
  const text = files.length > 0 && !input.value.trim() ? '' : input.value;
  const problem = files.length > 0 && !text ? null : validateText(text);
  if (problem) {
    showHint(problem, true);
    return;
  }
  const sent = session.outbox.add(room.id, text, files);
  messageArea.toBottom();
  input.value = '';
  clearFiles();
  showHint(sent ? COMPOSER_HINT : usualHint());
}

function announceTyping() {
  const room = currentRoom();
  if (!room || room.localOnly) return; // a DM not yet stored has no one to tell
  const now = Date.now();
  if (typingSent.room === room.id && now - typingSent.at < TYPING_EVERY_MS) return;
  if (session.connection.send({ type: 'typing', room: room.id })) typingSent = { room: room.id, at: now };
}

/** What the hint line says when nothing is wrong: what Enter does, or that messages wait for the connection. */
function usualHint() {
  return session.connection.online ? COMPOSER_HINT : OFFLINE_HINT;
}

function showHint(text, isError = false) {
  if (hint.textContent !== text) hint.textContent = text; // unchanged text: nothing to re-announce
  hint.classList.toggle('composer__hint--error', isError);
}

onRefusal((problem) => showHint(problem || usualHint(), Boolean(problem)));

input.addEventListener('keydown', (event) => {
  // Enter sends; Shift+Enter (and Enter while an IME is composing) inserts a line break.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener('input', () => {
  if (!session) return;
  const tooLong = [...input.value].length > MAX_TEXT_LENGTH && validateText(input.value);
  showHint(tooLong || usualHint(), Boolean(tooLong));
  if (input.value.trim()) announceTyping();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (session) submitMessage();
});
