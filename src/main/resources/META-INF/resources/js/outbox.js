// My messages until the server stores them: shown at once, sent (or queued while offline), re-sent after a drop
// with their original clientId so each is stored exactly once, and marked failed with the server's reason.
// A message with files uploads them first, each with its progress and its own cancel, and goes out with their ids
// once all are up. Uploads wait for the connection like the message does: the socket is what says we are back.

const MAX_SEND_ATTEMPTS = 5;
const RESEND_PAUSE_MS = 1000; // plus up to as much again at random
const PARALLEL_UPLOADS = 2; // the server lets one person run 3 at a time; another tab may be uploading too

// crypto.randomUUID exists only in secure contexts; a self-hosted server may be plain http on a LAN.
function newClientId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** An upload's state: 'waiting' (to start), 'uploading' (progress 0..1), 'done' (id known) or 'failed' (error). */
const newUpload = (file, key) => ({ key, file, state: 'waiting', progress: 0, id: null, error: '', abort: null });

export class Outbox {
  /**
   * send(frame) -> boolean (false while offline); viewOf(room) -> the room's RoomView, if it is still listed;
   * files: { online() -> boolean, upload(room, file, onProgress) -> { done: Promise<result>, abort() },
   * discard(id) } (result as in api.js, or { aborted: true }).
   */
  constructor(send, viewOf, files) {
    this.sendFrame = send;
    this.viewOf = viewOf;
    this.files = files;
    // clientId -> { clientId, room, text, uploads, attempts, failed, reason }, in the order written
    this.entries = new Map();
    this.resendTimer = null;
    this.running = 0; // uploads under way
    this.stopped = false;
  }

  /** Shows a new message in its room and sends it (after its files); false when it waits for the connection. */
  add(room, text, files = []) {
    const entry = { clientId: newClientId(), room, text, attempts: 0, failed: false, reason: '',
      uploads: files.map(newUpload) };
    this.entries.set(entry.clientId, entry);
    this.viewOf(room)?.addPending(entry.clientId, text, entry.uploads);
    return this.advance(entry);
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
    this.markFailed(entry, reason);
    return true;
  }

  /** Sends again what is not acknowledged; one tried MAX_SEND_ATTEMPTS times is marked "Not sent" instead. */
  resend() {
    clearTimeout(this.resendTimer); // a resend now makes a scheduled one moot
    for (const entry of this.entries.values()) {
      if (entry.failed) continue;
      if (!this.uploaded(entry)) {
        this.advance(entry); // its files go up first (what is still to upload, in the order written)
        continue;
      }
      if (entry.attempts >= MAX_SEND_ATTEMPTS) {
        this.markFailed(entry, 'Not stored after several attempts.');
        continue;
      }
      if (!this.send(entry)) return; // offline again: the next connection tries
      this.viewOf(entry.room)?.setPendingState(entry.clientId, 'sending');
    }
  }

  /** Resends after a short, jittered pause (after a transient error), so a busy server is not hit again at once. */
  resendSoon() {
    clearTimeout(this.resendTimer);
    this.resendTimer = setTimeout(() => this.resend(), RESEND_PAUSE_MS * (1 + Math.random()));
  }

  /** The session ended: nothing more goes out, and uploads under way stop. */
  stop() {
    this.stopped = true;
    clearTimeout(this.resendTimer);
    for (const entry of this.entries.values()) entry.uploads.forEach((upload) => upload.abort?.());
  }

  /** Retry on a failed message: its failed files are uploaded again, then it is sent. */
  retry(clientId) {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    Object.assign(entry, { failed: false, reason: '', attempts: 0 });
    for (const upload of entry.uploads) if (upload.state === 'failed') this.reset(entry, upload);
    this.advance(entry);
  }

  discard(clientId) {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    this.entries.delete(clientId);
    this.forgetUploads(entry.uploads, entry.attempts === 0);
    this.viewOf(entry.room)?.removePending(clientId);
  }

  /** Cancel (or Remove) on one file of a message not sent yet; a message left with nothing to send goes. */
  cancelUpload(clientId, key) {
    const entry = this.entries.get(clientId);
    const upload = entry?.uploads.find((candidate) => candidate.key === key);
    if (!upload || entry.attempts > 0) return; // once sent, its files belong to the message
    entry.uploads = entry.uploads.filter((candidate) => candidate !== upload);
    this.forgetUploads([upload], true);
    if (entry.uploads.length === 0 && !entry.text) return this.discard(clientId);
    this.viewOf(entry.room)?.removeUpload(clientId, key);
    if (!entry.failed) this.advance(entry);
    else if (!entry.uploads.some((other) => other.state === 'failed') && entry.reason === UPLOAD_FAILED) {
      this.retry(clientId); // the file that held it back is gone
    }
    return undefined;
  }

  /** Retry on one failed file. */
  retryUpload(clientId, key) {
    const entry = this.entries.get(clientId);
    const upload = entry?.uploads.find((candidate) => candidate.key === key);
    if (!upload || upload.state !== 'failed') return;
    this.reset(entry, upload);
    if (!entry.uploads.some((other) => other.state === 'failed')) Object.assign(entry, { failed: false, reason: '' });
    this.advance(entry);
  }

  /** The room is gone (left, removed): what was waiting for it cannot be sent. */
  dropRoom(room) {
    for (const [clientId, entry] of this.entries) {
      if (entry.room !== room) continue;
      this.entries.delete(clientId);
      this.forgetUploads(entry.uploads, entry.attempts === 0);
    }
  }

  /** Bytes of files not uploaded yet: they will count against the quota. */
  unsentBytes() {
    let bytes = 0;
    for (const entry of this.entries.values()) {
      for (const upload of entry.uploads) if (upload.state !== 'done') bytes += upload.file.size;
    }
    return bytes;
  }

  send(entry) {
    const frame = { type: 'message', room: entry.room, text: entry.text, clientId: entry.clientId };
    if (entry.uploads.length > 0) frame.attachments = entry.uploads.map((upload) => upload.id);
    const sent = this.sendFrame(frame);
    if (sent) entry.attempts += 1;
    return sent;
  }

  // ---- uploads ----

  uploaded(entry) {
    return entry.uploads.every((upload) => upload.state === 'done');
  }

  /** Moves a message on: its files go up first, then it is sent. False when it waits for the connection. */
  advance(entry) {
    const view = this.viewOf(entry.room);
    if (this.uploaded(entry)) {
      const sent = this.send(entry);
      view?.setPendingState(entry.clientId, sent ? 'sending' : 'queued');
      return sent;
    }
    const online = this.files.online();
    view?.setPendingState(entry.clientId, online ? 'uploading' : 'queued');
    if (online) this.startUploads();
    return online;
  }

  /** Starts waiting uploads, oldest message first, while fewer than PARALLEL_UPLOADS run. */
  startUploads() {
    if (this.stopped || !this.files.online()) return;
    for (const entry of this.entries.values()) {
      if (entry.failed) continue;
      for (const upload of entry.uploads) {
        if (this.running >= PARALLEL_UPLOADS) return;
        if (upload.state === 'waiting') this.startUpload(entry, upload);
      }
    }
  }

  startUpload(entry, upload) {
    Object.assign(upload, { state: 'uploading', progress: 0, error: '' });
    this.running += 1;
    const task = this.files.upload(entry.room, upload.file, (fraction) => {
      if (upload.state !== 'uploading') return;
      upload.progress = fraction;
      this.viewOf(entry.room)?.showUpload(entry.clientId, upload);
    });
    upload.abort = task.abort;
    this.viewOf(entry.room)?.showUpload(entry.clientId, upload);
    task.done.then((result) => {
      this.running -= 1;
      upload.abort = null;
      this.finishUpload(entry, upload, result);
      this.startUploads();
    });
  }

  finishUpload(entry, upload, result) {
    const kept = this.entries.get(entry.clientId) === entry && entry.uploads.includes(upload);
    if (!kept || this.stopped) {
      // Cancelled, discarded or signed out while it ran: a file that got up anyway is not left behind.
      if (result.ok && result.data?.id && !this.stopped) this.files.discard(result.data.id);
      return;
    }
    const view = this.viewOf(entry.room);
    if (result.ok && typeof result.data?.id === 'string') {
      Object.assign(upload, { state: 'done', progress: 1, id: result.data.id });
      view?.showUpload(entry.clientId, upload);
      if (this.uploaded(entry) && !entry.failed) this.advance(entry);
      return;
    }
    if (result.status === 0 && !this.files.online()) {
      this.reset(entry, upload); // the connection went: it starts over when it is back
      if (!entry.failed) view?.setPendingState(entry.clientId, 'queued');
      return;
    }
    Object.assign(upload, { state: 'failed', error: uploadError(result) });
    view?.showUpload(entry.clientId, upload);
    if (!entry.failed) this.markFailed(entry, UPLOAD_FAILED);
  }

  reset(entry, upload) {
    Object.assign(upload, { state: 'waiting', progress: 0, error: '' });
    this.viewOf(entry.room)?.showUpload(entry.clientId, upload);
  }

  markFailed(entry, reason) {
    Object.assign(entry, { failed: true, reason });
    this.viewOf(entry.room)?.setPendingState(entry.clientId, 'failed', reason);
  }

  /** Stops uploads under way; unsent: also deletes the finished ones, which no message will carry. */
  forgetUploads(uploads, unsent) {
    for (const upload of uploads) {
      upload.abort?.();
      if (unsent && upload.state === 'done' && upload.id) this.files.discard(upload.id);
    }
  }
}

const UPLOAD_FAILED = 'A file could not be uploaded.';

function uploadError(result) {
  const message = result.data && typeof result.data.message === 'string' ? result.data.message : '';
  if (message) return message;
  if (result.status === 413) return 'The file is too large.';
  return `The upload failed (HTTP ${result.status}).`;
}
