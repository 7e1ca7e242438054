// One live v2 WebSocket (/ws?v=2: every room on one socket) that reconnects by itself with exponential backoff
// and jitter, resuming with ?since=<highest message id seen>.

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const POLICY_VIOLATION = 1008;

function parse(data) {
  try {
    const frame = JSON.parse(data);
    return frame && typeof frame === 'object' ? frame : null;
  } catch {
    return null; // not ours to interpret
  }
}

/** Delay before reconnect attempt n (0-based): half fixed, half random, so clients spread out. */
function backoffDelay(attempt) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function socketUrl(since) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = since == null ? '' : `&since=${encodeURIComponent(since)}`;
  return `${scheme}//${location.host}/ws?v=2${query}`;
}

// Browsers cannot set headers on a WebSocket; the server lifts this subprotocol into Authorization.
function authProtocols(token) {
  return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)];
}

/**
 * States reported through onState: 'connecting' (first attempt), 'online', 'reconnecting', 'offline'.
 * Hooks: onFrame(frame), onState(state), lastId() -> number|null for ?since=,
 * onReady(), once per socket, right after its first frame (the room list) was handled: per-connection work
 * such as resending the outbox goes there,
 * stillAuthorized() -> Promise<boolean>, asked after a close that may mean a dead token.
 */
export class ChatConnection {
  constructor(token, hooks) {
    this.token = token;
    this.hooks = hooks;
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.stopped = false;
    this.onBrowserOnline = () => this.reconnectNow();
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.onBrowserOnline);
    this.open('connecting');
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onBrowserOnline);
    clearTimeout(this.timer);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000, 'logout');
    }
    this.hooks.onState('offline');
  }

  get online() {
    return Boolean(this.socket) && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a JSON frame; false when not connected (the caller keeps the text). */
  send(frame) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  open(state) {
    this.hooks.onState(state);
    const socket = new WebSocket(socketUrl(this.hooks.lastId()), authProtocols(this.token));
    let opened = false;
    let ready = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.hooks.onState('online');
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return; // ignore frames after stop()
      const frame = parse(event.data);
      if (!frame) return;
      // The room list opens every v2 connect sequence: the server really accepted us.
      const first = frame.type === 'rooms' && !ready;
      if (first) {
        ready = true;
        this.attempt = 0;
      }
      this.hooks.onFrame(frame);
      if (first) this.hooks.onReady();
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return; // a socket we already abandoned
      this.socket = null;
      // Closed before opening: usually a refused upgrade. 1008: the server ends sockets whose token died.
      const suspectToken = !opened || event.code === POLICY_VIOLATION;
      if (!this.stopped) this.afterClose(suspectToken);
    });
    this.socket = socket;
  }

  async afterClose(suspectToken) {
    this.hooks.onState('reconnecting');
    if (suspectToken && !(await this.hooks.stillAuthorized())) return;
    this.schedule();
  }

  schedule() {
    if (this.stopped || this.socket) return; // stopped, or the browser's 'online' event reconnected already
    clearTimeout(this.timer);
    const delay = backoffDelay(this.attempt++);
    this.timer = setTimeout(() => this.reconnectNow(), delay);
  }

  reconnectNow() {
    if (this.stopped || this.socket) return;
    clearTimeout(this.timer);
    this.open('reconnecting');
  }
}
