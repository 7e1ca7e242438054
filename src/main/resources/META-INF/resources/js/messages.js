// The message list: ordered by server id, deduplicated, with optimistic "sending" bubbles.
// All user data goes in through textContent, so markup in a message shows literally.

const BOTTOM_SLACK_PX = 40;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function isToday(date) {
  return date.toDateString() === new Date().toDateString();
}

function timeElement(timestamp) {
  const time = document.createElement('time');
  time.className = 'message__time';
  time.dataset.testid = 'message-time';
  const date = timestamp ? new Date(timestamp) : null;
  if (!date || Number.isNaN(date.getTime())) return time;
  time.dateTime = date.toISOString();
  time.title = dateTimeFormat.format(date);
  time.textContent = isToday(date) ? timeFormat.format(date) : dateTimeFormat.format(date);
  return time;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function bubble({ username, text, timestamp }, mine) {
  const item = element('li', `message ${mine ? 'message--mine' : 'message--theirs'}`);
  item.dataset.testid = 'message';
  item.dataset.sender = username;
  const box = element('article', 'message__bubble');
  const meta = element('header', 'message__meta');
  const sender = element('span', 'message__sender', username);
  sender.dataset.testid = 'message-sender';
  meta.append(sender, timeElement(timestamp));
  const body = element('p', 'message__text', text);
  body.dataset.testid = 'message-text';
  box.append(meta, body);
  item.append(box);
  return item;
}

export class MessageList {
  /** onRetry({ clientId, text }) -> boolean is called when the user retries a message marked "Not sent". */
  constructor(list, jumpButton, onRetry) {
    this.list = list;
    this.onRetry = onRetry;
    this.jumpButton = jumpButton;
    this.me = null;
    this.byId = new Map();
    this.pending = new Map(); // clientId -> { text, item, attempts, failed }
    this.lastId = null;
    list.addEventListener('scroll', () => {
      if (this.atBottom()) jumpButton.hidden = true;
    });
    jumpButton.addEventListener('click', () => this.scrollToBottom());
  }

  /** Empties the list for a new session of the given user. */
  reset(currentUser) {
    this.me = currentUser;
    this.list.replaceChildren();
    this.byId.clear();
    this.pending.clear();
    this.lastId = null;
    this.jumpButton.hidden = true;
  }

  /** Applies a history frame; with resync the gap was too large, so start over. */
  applyHistory(frame) {
    if (frame.resync) this.clearConfirmed();
    const messages = Array.isArray(frame.messages) ? frame.messages : [];
    this.withScroll(() => messages.forEach((message) => this.addConfirmed(message)), false);
  }

  add(message) {
    this.withScroll(() => this.addConfirmed(message), false);
  }

  /** Shows my message straight away; it is confirmed when the server echoes its clientId. */
  addPending(clientId, text) {
    const item = bubble({ username: this.me, text, timestamp: new Date().toISOString() }, true);
    item.classList.add('message--pending');
    item.dataset.clientId = clientId;
    item.querySelector('.message__meta').append(element('span', 'message__status', 'Sending…'));
    this.pending.set(clientId, { text, item, attempts: 1, failed: false });
    this.withScroll(() => this.list.append(item), true);
  }

  /**
   * The unacknowledged messages to send again, with their original clientId so the server stores each
   * exactly once. One already tried maxAttempts times is marked "Not sent" instead.
   */
  takeForResend(maxAttempts) {
    const again = [];
    this.pending.forEach((entry, clientId) => {
      if (entry.failed) return;
      if (entry.attempts >= maxAttempts) {
        this.markFailed(clientId, entry);
        return;
      }
      entry.attempts += 1;
      again.push({ clientId, text: entry.text });
    });
    return again;
  }

  clearConfirmed() {
    this.byId.forEach((item) => item.remove());
    this.byId.clear();
    this.lastId = null;
  }

  addConfirmed(message) {
    if (typeof message.id !== 'number') return;
    this.acknowledge(message);
    if (this.byId.has(message.id)) return; // a replay or a re-sent copy: shown already
    const item = bubble(message, message.username === this.me);
    item.dataset.id = String(message.id);
    this.insertInOrder(item, message.id);
    this.byId.set(message.id, item);
    this.lastId = this.lastId == null ? message.id : Math.max(this.lastId, message.id);
  }

  /** Removes the optimistic bubble this message confirms, if any. */
  acknowledge(message) {
    if (message.username !== this.me || !message.clientId) return;
    const entry = this.pending.get(message.clientId);
    if (!entry) return;
    entry.item.remove();
    this.pending.delete(message.clientId);
  }

  markFailed(clientId, entry) {
    entry.failed = true;
    entry.item.classList.replace('message--pending', 'message--failed');
    entry.item.querySelector('.message__status').textContent = 'Not sent';
    entry.item.querySelector('.message__bubble').append(this.retryButton(clientId, entry));
  }

  retryButton(clientId, entry) {
    const retry = element('button', 'message__retry', 'Retry');
    retry.type = 'button';
    retry.addEventListener('click', () => {
      if (!this.onRetry({ clientId, text: entry.text })) return; // still offline: stay "Not sent"
      Object.assign(entry, { attempts: 1, failed: false });
      entry.item.classList.replace('message--failed', 'message--pending');
      entry.item.querySelector('.message__status').textContent = 'Sending…';
      retry.remove();
    });
    return retry;
  }

  /** Confirmed messages stay in id order, before any still-pending bubbles. */
  insertInOrder(item, id) {
    let next = null;
    for (let node = this.list.lastElementChild; node; node = node.previousElementSibling) {
      const nodeId = node.dataset.id === undefined ? Infinity : Number(node.dataset.id);
      if (nodeId < id) break;
      next = node;
    }
    this.list.insertBefore(item, next);
  }

  atBottom() {
    const { scrollHeight, scrollTop, clientHeight } = this.list;
    return scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK_PX;
  }

  scrollToBottom() {
    this.list.scrollTop = this.list.scrollHeight;
    this.jumpButton.hidden = true;
  }

  /** Follows new messages only if the reader was already at the bottom (or just sent one). */
  withScroll(change, force) {
    const follow = force || this.atBottom();
    const before = this.list.childElementCount;
    change();
    if (follow) this.scrollToBottom();
    else if (this.list.childElementCount > before) this.jumpButton.hidden = false;
  }
}
