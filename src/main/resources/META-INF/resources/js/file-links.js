// Signed URLs for the attachments on screen. Frames never carry URLs (one frame goes to every recipient), so the
// page asks for its own: what one frame renders is collected and asked for in one request, kept per id, and asked
// for again once it may have expired.
import * as api from './api.js';

const FRESH_MS = 8 * 60 * 1000; // the server's links live 10–20 minutes
const BATCH_SIZE = 50;

export class FileLinks {
  constructor(token) {
    this.token = token;
    this.known = new Map(); // id -> { link: { url, thumbnailUrl }, at }
    this.waiting = new Map(); // id -> [resolve], until the next batch
    this.timer = null;
  }

  /** Resolves to { url, thumbnailUrl? }, or null when the server gives none (not mine to see, or unreachable). */
  get(id, { fresh = false } = {}) {
    if (!fresh && this.isFresh(id)) return Promise.resolve(this.known.get(id).link);
    return new Promise((resolve) => {
      const callers = this.waiting.get(id) ?? [];
      callers.push(resolve);
      this.waiting.set(id, callers);
      // A timer rather than a frame callback: history arrives in one task, and background tabs get no frames.
      this.timer ??= setTimeout(() => this.flush(), 0);
    });
  }

  isFresh(id) {
    const known = this.known.get(id);
    return Boolean(known) && Date.now() - known.at < FRESH_MS;
  }

  async flush() {
    this.timer = null;
    const waiting = this.waiting;
    this.waiting = new Map();
    const ids = [...waiting.keys()];
    for (let start = 0; start < ids.length; start += BATCH_SIZE) {
      const batch = ids.slice(start, start + BATCH_SIZE);
      const at = Date.now();
      const result = await api.fileLinks(this.token, batch);
      const links = (result.ok && result.data && result.data.links) || {};
      for (const id of batch) {
        const link = links[id] && typeof links[id].url === 'string' ? links[id] : null;
        if (link) this.known.set(id, { link, at });
        waiting.get(id).forEach((resolve) => resolve(link));
      }
    }
  }
}
