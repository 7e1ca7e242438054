// One message bubble. Everything the user wrote goes in through textContent, so markup shows literally.
import { attachmentList } from './attachments.js';
import { button, element, timeElement, userText } from './dom.js';
import { closeViewerIfOrphaned } from './viewer.js';

const TOMBSTONE = 'message deleted';

/** A confirmed (stored) or pending message; own messages sit right, others' left. Text may be empty beside files. */
export function bubble({ username, text, timestamp, attachments, deleted }, mine) {
  const item = element('li', `message ${mine ? 'message--mine' : 'message--theirs'}`);
  item.dataset.testid = 'message';
  item.dataset.sender = username ?? '';
  const box = element('article', 'message__bubble');
  const meta = element('header', 'message__meta');
  const sender = userText('span', 'message__sender', username);
  sender.dataset.testid = 'message-sender';
  meta.append(sender, timeElement(timestamp));
  const body = userText('p', 'message__text', text);
  body.dataset.testid = 'message-text';
  box.append(meta, body);
  if (Array.isArray(attachments) && attachments.length > 0 && !deleted) box.append(attachmentList(attachments));
  item.append(box);
  return item;
}

const part = (item, className) => item.querySelector(`.${className}`);

export function setText(item, text) {
  const body = part(item, 'message__text');
  if (body) body.textContent = text;
}

export function markEdited(item, timestamp) {
  let marker = part(item, 'message__edited');
  if (!marker) {
    marker = element('span', 'message__edited', 'edited');
    marker.dataset.testid = 'message-edited';
    part(item, 'message__sender').parentElement.append(marker);
  }
  if (timestamp) marker.title = `Edited ${new Date(timestamp).toLocaleString()}`;
}

/** Replaces the text and attachments (and any edit controls) with a tombstone, in place. */
export function markDeleted(item) {
  item.classList.add('message--deleted');
  item.dataset.deleted = 'true';
  for (const selector of ['.message__text', '.attachments', '.message__actions', '.message__edit', '.message__edited']) {
    item.querySelector(selector)?.remove();
  }
  closeViewerIfOrphaned(); // the server deleted the files with the message
  if (!part(item, 'message__tombstone')) {
    const tombstone = element('p', 'message__tombstone', TOMBSTONE);
    tombstone.dataset.testid = 'message-tombstone';
    part(item, 'message__bubble').append(tombstone);
  }
}

/** A row of the small buttons on a message. */
function actionRow(tag, className, ...buttons) {
  const row = element(tag, className);
  row.append(...buttons);
  return row;
}

function actionButton(text, testId, onClick, label) {
  const node = button('message__action', text, { testId, label });
  if (onClick) node.addEventListener('click', onClick);
  return node;
}

/** The small Edit / Delete buttons on my own stored messages. */
export function ownActions(onEdit, onDelete) {
  return actionRow('span', 'message__actions message__actions--own',
    actionButton('Edit', 'edit-message', onEdit, 'Edit message'),
    actionButton('Delete', 'delete-message', onDelete, 'Delete message'));
}

/** Status line of a message not yet stored: "Sending…", "Waiting for connection…" or "Not sent: <reason>". */
export function setStatus(item, text) {
  let status = part(item, 'message__status');
  if (!status) {
    status = element('span', 'message__status');
    status.dataset.testid = 'message-status';
    part(item, 'message__meta').append(status);
  }
  status.textContent = text;
}

/** Why the server refused a message not yet stored, with Retry and Discard; null removes it. */
export function setFailure(item, failure) {
  part(item, 'message__failure')?.remove();
  if (!failure) return;
  const box = element('div', 'message__failure');
  const why = element('p', 'message__reason', failure.reason || 'The server did not store this message.');
  why.dataset.testid = 'message-error';
  box.append(why, actionRow('div', 'message__actions',
    actionButton('Retry', 'retry-message', failure.onRetry),
    actionButton('Discard', 'discard-message', failure.onDiscard)));
  part(item, 'message__bubble').append(box);
}

/**
 * An inline editor in place of the text: Enter (or Save) saves, Escape (or Cancel) gives up.
 * save(text) -> Promise<string|null> resolves to an error message, or null when saved.
 */
export function openEditor(item, text, save) {
  const body = part(item, 'message__text');
  if (!body || part(item, 'message__edit')) return;
  const form = element('form', 'message__edit');
  const input = element('textarea', 'message__edit-input');
  input.value = text;
  input.rows = 2;
  input.dataset.testid = 'edit-input';
  input.setAttribute('aria-label', 'Edit message');
  const error = element('p', 'message__edit-error');
  error.setAttribute('role', 'alert');
  const save_ = actionButton('Save', 'edit-save');
  save_.type = 'submit';
  const cancel = actionButton('Cancel', 'edit-cancel');
  form.append(input, error, actionRow('div', 'message__actions', save_, cancel));
  body.hidden = true;
  part(item, 'message__actions')?.setAttribute('hidden', '');
  body.after(form);
  const close = () => {
    form.remove();
    body.hidden = false;
    part(item, 'message__actions')?.removeAttribute('hidden');
    part(item, 'message__actions')?.querySelector('button')?.focus();
  };
  cancel.addEventListener('click', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value;
    if (!value.trim()) return void (error.textContent = 'A message needs some text.');
    if (value === text) return close();
    save_.disabled = true;
    const problem = await save(value);
    save_.disabled = false;
    if (problem) error.textContent = problem;
    else close();
  });
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}
