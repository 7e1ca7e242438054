// The messages of one room: ordered by server id, de-duplicated, with optimistic bubbles for my messages until
// the server stores them, edit/delete in place, the "New messages" divider and highlighting.
import { showUpload, uploadList } from './attachments.js';
import { bubble, markDeleted, markEdited, openEditor, ownActions, setFailure, setStatus, setText } from './bubble.js';
import { element } from './dom.js';

const orderOf = (node) => {
  if (node.dataset.id !== undefined) return Number(node.dataset.id);
  if (node.dataset.before !== undefined) return Number(node.dataset.before) - 0.5; // the unread divider
  return Infinity; // not yet stored: after everything stored
};

export class RoomView {
  /**
   * actions: edit(room, id, text) -> Promise<string|null>, remove(room, id), retry(clientId), discard(clientId),
   * cancelUpload(clientId, key), retryUpload(clientId, key).
   */
  constructor(room, me, actions) {
    this.room = room;
    this.me = me;
    this.actions = actions;
    this.list = element('ol', 'messages__room');
    this.list.dataset.room = room;
    this.list.setAttribute('aria-live', 'polite');
    this.list.setAttribute('aria-relevant', 'additions');
    this.list.hidden = true;
    this.byId = new Map(); // id -> { item, message }
    this.pending = new Map(); // clientId -> item
    this.firstId = null;
    this.loaded = false; // its first history frame has arrived
    this.hasMore = false; // older messages may exist on the server
    this.loading = null; // a running page request (a promise)
  }

  /** A connect-time history frame; with resync the gap was too large, so start over. */
  applyHistory(messages, resync) {
    if (resync) this.clearConfirmed();
    for (const message of messages) this.add(message);
    if (!this.loaded || resync) this.hasMore = messages.length > 0;
    this.loaded = true;
  }

  /** Adds a stored message; false when it is already shown (a replay or a re-sent copy). */
  add(message) {
    if (!message || typeof message.id !== 'number') return false;
    const known = this.byId.get(message.id);
    if (known) {
      if (message.deleted) this.applyDelete(message.id);
      else if (message.edited && message.edited !== known.message.edited) this.applyEdit(message);
      return false;
    }
    const mine = message.username === this.me;
    const item = bubble(message, mine);
    item.dataset.id = String(message.id);
    const entry = { item, message: { ...message } };
    this.byId.set(message.id, entry);
    this.insertInOrder(item, message.id);
    this.firstId = this.firstId == null ? message.id : Math.min(this.firstId, message.id);
    if (message.deleted) markDeleted(item);
    else {
      if (message.edited) markEdited(item, message.edited);
      if (mine) item.querySelector('.message__meta').append(this.ownActions(message.id));
    }
    return true;
  }

  applyEdit(message) {
    const entry = this.byId.get(message.id);
    if (!entry || entry.message.deleted) return;
    entry.message.text = message.text;
    entry.message.edited = message.edited || entry.message.edited || new Date().toISOString();
    setText(entry.item, message.text);
    markEdited(entry.item, entry.message.edited);
  }

  /** Shows a tombstone in place; returns the message as it was, or null when unknown or already deleted. */
  applyDelete(id) {
    const entry = this.byId.get(id);
    if (!entry || entry.message.deleted) return null;
    const before = { ...entry.message };
    Object.assign(entry.message, { deleted: true, text: '' });
    markDeleted(entry.item);
    return before;
  }

  /** Others' messages after the given id that are not deleted, among those loaded. */
  unreadAfter(id) {
    let count = 0;
    this.byId.forEach(({ message }) => {
      if (message.id > id && message.username !== this.me && !message.deleted) count += 1;
    });
    return count;
  }

  /** The newest message someone else wrote, or 0. */
  latestOthersId() {
    for (let node = this.list.lastElementChild; node; node = node.previousElementSibling) {
      if (node.dataset.id !== undefined && node.dataset.sender !== this.me) return Number(node.dataset.id);
    }
    return 0;
  }

  ownActions(id) {
    return ownActions(
      () => {
        const entry = this.byId.get(id);
        if (entry) openEditor(entry.item, entry.message.text, (text) => this.actions.edit(this.room, id, text));
      },
      () => this.actions.remove(this.room, id),
    );
  }

  // ---- my messages not yet stored ----

  /** Shows my message at once, with its files' uploads (outbox.js); its state follows with setPendingState. */
  addPending(clientId, text, uploads = []) {
    const item = bubble({ username: this.me, text, timestamp: new Date().toISOString() }, true);
    item.classList.add('message--pending');
    item.dataset.clientId = clientId;
    if (uploads.length > 0) {
      item.querySelector('.message__bubble').append(uploadList(uploads, {
        cancel: (key) => this.actions.cancelUpload(clientId, key),
        retry: (key) => this.actions.retryUpload(clientId, key),
      }));
    }
    this.pending.set(clientId, item);
    this.list.append(item);
  }

  /** One upload's progress or state changed. */
  showUpload(clientId, upload) {
    const row = this.pending.get(clientId)?.querySelector(`.upload[data-key="${upload.key}"]`);
    if (row) showUpload(row, upload);
  }

  removeUpload(clientId, key) {
    const row = this.pending.get(clientId)?.querySelector(`.upload[data-key="${key}"]`);
    if (!row) return;
    // Focus was on its Cancel: it goes to the next file's buttons rather than to the top of the page.
    const next = row.contains(document.activeElement) && (row.nextElementSibling ?? row.previousElementSibling);
    row.remove();
    if (next) next.querySelector('button:not([hidden])')?.focus();
  }

  /** state: 'uploading', 'sending', 'queued' or 'failed' (with the reason shown and Retry / Discard buttons). */
  setPendingState(clientId, state, reason = '') {
    const item = this.pending.get(clientId);
    if (!item) return;
    item.dataset.state = state;
    item.classList.toggle('message--pending', state !== 'failed');
    item.classList.toggle('message--failed', state === 'failed');
    const labels = { uploading: 'Uploading…', sending: 'Sending…', queued: 'Waiting for connection…', failed: 'Not sent' };
    setStatus(item, labels[state]);
    setFailure(item, state === 'failed' && {
      reason,
      onRetry: () => this.actions.retry(clientId),
      onDiscard: () => this.actions.discard(clientId),
    });
  }

  removePending(clientId) {
    this.pending.get(clientId)?.remove();
    this.pending.delete(clientId);
  }

  // ---- divider and highlight ----

  /** Puts "New messages" above the first message after lastReadId that is not mine; returns it or null. */
  placeDivider(lastReadId) {
    this.removeDivider();
    for (const node of this.list.children) {
      if (node.dataset.id === undefined) continue;
      const id = Number(node.dataset.id);
      if (id > lastReadId && node.dataset.sender !== this.me && !node.dataset.deleted) {
        const divider = element('li', 'divider');
        divider.dataset.testid = 'unread-divider';
        divider.dataset.before = String(id);
        divider.setAttribute('role', 'separator');
        divider.append(element('span', 'divider__label', 'New messages'));
        node.before(divider);
        return divider;
      }
    }
    return null;
  }

  removeDivider() {
    this.list.querySelector('.divider')?.remove();
  }

  highlight(id) {
    for (const old of this.list.querySelectorAll('.message--highlight')) {
      old.classList.remove('message--highlight');
      delete old.dataset.highlighted;
    }
    const item = this.byId.get(id)?.item;
    if (!item) return null;
    item.classList.add('message--highlight');
    item.dataset.highlighted = 'true';
    return item;
  }

  // ---- internals ----

  clearConfirmed() {
    this.byId.forEach(({ item }) => item.remove());
    this.byId.clear();
    this.removeDivider();
    this.firstId = null;
  }

  /** Stored messages stay in id order, before any still-pending bubbles. */
  insertInOrder(item, id) {
    if (this.firstId != null && id < this.firstId) {
      // Older than everything shown (a page of history): walk from the top.
      let next = this.list.firstElementChild;
      while (next && orderOf(next) < id) next = next.nextElementSibling;
      this.list.insertBefore(item, next);
      return;
    }
    let next = null;
    for (let node = this.list.lastElementChild; node; node = node.previousElementSibling) {
      if (orderOf(node) < id) break;
      next = node;
    }
    this.list.insertBefore(item, next);
  }
}
