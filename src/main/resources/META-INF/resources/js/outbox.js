// My messages until the server stores them: shown at once, sent (or queued while offline), re-sent after a drop
// with their original clientId so each is stored exactly once, and marked failed with the server's reason.

const MAX_SEND_ATTEMPTS = 5;
const RESEND_PAUSE_MS = 1000; // plus up to as much again at random

// crypto.randomUUID exists only in secure contexts; a self-hosted server may be plain http on a LAN.
function newClientId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class Outbox {
  /** send(frame) -> boolean (false while offline); viewOf(room) -> the room's RoomView, if it is still listed. */
  constructor(send, viewOf) {
    this.sendFrame = send;
    this.viewOf = viewOf;
    this.entries = new Map(); // clientId -> { clientId, room, text, attempts, failed }, in the order written
    this.resendTimer = null;
  }

  /** Shows a new message in its room and sends it; returns false when it is queued for the next connection. */
  add(room, text) {
    const entry = { clientId: newClientId(), room, text, attempts: 0, failed: false };
    this.entries.set(entry.clientId, entry);
    const sent = this.send(entry);
    this.viewOf(room)?.addPending(entry.clientId, text, !sent);
    return sent;
  }

  /** A stored message with one of my clientIds ends its pending bubble, in whichever room it was written. */
  acknowledge(message, me) {
    if (!message || message.username !== me || !message.clientId) return;
    const entry = this.entries.get(message.clientId);
    if (!entry) return;
    this.entries.delete(message.clientId);
    this.viewOf(entry.room)?.removePending(message.clientId);
  }

  /** An error frame naming one of my clientIds: that message was not stored. False when it is not mine. */
  fail(clientId, reason) {
    const entry = clientId ? this.entries.get(clientId) : null;
    if (!entry) return false;
    entry.failed = true;
    this.viewOf(entry.room)?.setPendingState(clientId, 'failed', reason);
    return true;
  }

  /** Sends again what is not acknowledged; one tried MAX_SEND_ATTEMPTS times is marked "Not sent" instead. */
  resend() {
    clearTimeout(this.resendTimer); // a resend now makes a scheduled one moot
    for (const entry of this.entries.values()) {
      if (entry.failed) continue;
      const view = this.viewOf(entry.room);
      if (entry.attempts >= MAX_SEND_ATTEMPTS) {
        entry.failed = true;
        view?.setPendingState(entry.clientId, 'failed', 'Not stored after several attempts.');
        continue;
      }
      if (!this.send(entry)) return; // offline again: the next connection tries
      view?.setPendingState(entry.clientId, 'sending');
    }
  }

  /** Resends after a short, jittered pause (after a transient error), so a busy server is not hit again at once. */
  resendSoon() {
    clearTimeout(this.resendTimer);
    this.resendTimer = setTimeout(() => this.resend(), RESEND_PAUSE_MS * (1 + Math.random()));
  }

  /** The session ended: nothing more goes out. */
  stop() {
    clearTimeout(this.resendTimer);
  }

  retry(clientId) {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    Object.assign(entry, { failed: false, attempts: 0 });
    const sent = this.send(entry);
    this.viewOf(entry.room)?.setPendingState(clientId, sent ? 'sending' : 'queued');
  }

  discard(clientId) {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    this.entries.delete(clientId);
    this.viewOf(entry.room)?.removePending(clientId);
  }

  /** The room is gone (left, removed): what was waiting for it cannot be sent. */
  dropRoom(room) {
    for (const [clientId, entry] of this.entries) if (entry.room === room) this.entries.delete(clientId);
  }

  send(entry) {
    const sent = this.sendFrame({ type: 'message', room: entry.room, text: entry.text, clientId: entry.clientId });
    if (sent) entry.attempts += 1;
    return sent;
  }
}
