// The files chosen for the next message, listed above the composer: from the attach button, dropped onto the
// conversation, or pasted. Each is checked against the server's limits first, so a file the server would refuse
// is never uploaded; what was refused is reported to the composer, which says why in its hint line.
import * as api from './api.js';
import { session } from './chat-state.js';
import { filePreview } from './attachments.js';
import { button, byTestId, element, userText } from './dom.js';
import { humanSize, refusal } from './uploads.js';

const DEFAULT_FILES_PER_MESSAGE = 10;

const list = byTestId('composer-files');
const picker = byTestId('file-input');
const textInput = byTestId('composer-input');
const chosen = new Map(); // File -> its <li>, in the order chosen
let limits = null; // the server's last answer to GET /api/files/limits: kept for when it cannot be asked
let adding = null; // the running addition: additions go one after another, each against the limits of its time
let report = () => {};

/** report(problem): called after each addition with why some file was refused, or null. */
export function onRefusal(callback) {
  report = callback;
}

export const chosenFiles = () => [...chosen.keys()];

/** A promise while files are still being checked (the message should wait for them), else null. */
export const filesSettling = () => adding;

export function clearFiles() {
  chosen.clear();
  list.replaceChildren();
  list.hidden = true;
}

export function addFiles(files) {
  const added = [...files];
  if (added.length === 0 || !session) return;
  const previous = adding ?? Promise.resolve();
  const next = previous.then(() => admit(added));
  adding = next;
  next.finally(() => {
    if (adding === next) adding = null;
  });
}

async function admit(files) {
  const token = session?.token;
  if (!token) return;
  const result = await api.fileLimits(token);
  if (result.ok && result.data) limits = result.data;
  if (session?.token !== token) return; // signed out meanwhile
  const most = limits?.filesPerMessage > 0 ? limits.filesPerMessage : DEFAULT_FILES_PER_MESSAGE;
  let reserved = session.outbox.unsentBytes();
  for (const file of chosen.keys()) reserved += file.size;
  const problems = [];
  for (const file of files) {
    const problem = chosen.size >= most ? `At most ${most} files go in one message.` : refusal(file, limits, reserved);
    if (problem) {
      problems.push(problem);
      continue;
    }
    reserved += file.size;
    chosen.set(file, item(file));
    list.append(chosen.get(file));
  }
  list.hidden = chosen.size === 0;
  const more = problems.length > 1 ? ` (${problems.length - 1} more refused)` : '';
  report(problems.length ? problems[0] + more : null);
}

function item(file) {
  const node = element('li', 'composer__file');
  node.dataset.testid = 'composer-file';
  const name = userText('span', 'attachment__name', file.name || 'file');
  name.title = file.name;
  const remove = button('composer__file-remove', '✕', { testId: 'composer-file-remove', label: `Remove ${file.name || 'file'}` });
  remove.addEventListener('click', () => {
    // Focus moves to the next file's button (or the text), not to the page's top.
    const next = node.nextElementSibling ?? node.previousElementSibling;
    chosen.delete(file);
    node.remove();
    list.hidden = chosen.size === 0;
    (next?.querySelector('button') ?? textInput).focus();
  });
  node.append(filePreview(file), name, element('span', 'attachment__size', humanSize(file.size)), remove);
  return node;
}

// ---- the three ways in ----

byTestId('attach-button').addEventListener('click', () => {
  if (session) picker.click();
});
picker.addEventListener('change', () => {
  addFiles(picker.files);
  picker.value = ''; // choosing the same file again still fires 'change'
  textInput.focus();
});

const carriesFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

for (const zone of [byTestId('conversation'), byTestId('composer')]) {
  zone.addEventListener('dragover', (event) => {
    if (!carriesFiles(event) || !session) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('drop-target');
  });
  zone.addEventListener('dragleave', (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove('drop-target');
  });
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('drop-target');
    if (!carriesFiles(event) || !session) return;
    event.preventDefault();
    addFiles(event.dataTransfer.files);
    textInput.focus();
  });
}
// A file dropped just beside the conversation would otherwise make the browser open it in place of the chat.
window.addEventListener('dragover', (event) => {
  if (!carriesFiles(event) || event.defaultPrevented) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'none';
});
window.addEventListener('drop', (event) => {
  if (carriesFiles(event)) event.preventDefault();
});

// A pasted image (a screenshot) becomes an attachment; pasted text, even with a picture of it, stays text.
textInput.addEventListener('paste', (event) => {
  const data = event.clipboardData;
  if (!data || !session || data.files.length === 0 || data.types.includes('text/plain')) return;
  event.preventDefault();
  addFiles(data.files);
});
