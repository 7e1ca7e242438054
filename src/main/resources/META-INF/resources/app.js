// Chatterbox page: sign-in / registration, then the live chat over one WebSocket.
import * as api from './js/api.js';
import * as session from './js/session.js';
import { ChatConnection } from './js/connection.js';
import { MessageList } from './js/messages.js';

const MAX_TEXT_LENGTH = 4000; // code points, as the server counts
const MAX_SEND_ATTEMPTS = 5;
const NOTICE_MS = 5000;
const LONGEST_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this
const COMPOSER_HINT = 'Enter to send · Shift+Enter for a new line';
// Error codes for frames the server refused as malformed; any other error may mean "not stored", and a
// resend with the same clientId is safe (the server stores each clientId once).
const PERMANENT_ERRORS = new Set([
  'invalid_json', 'invalid_frame', 'unknown_type', 'invalid_room', 'unknown_room',
  'invalid_text', 'invalid_client_id', 'invalid_since',
]);
const STATE_LABELS = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
const messages = new MessageList(byTestId('message-list'), byTestId('jump-latest'),
  ({ clientId, text }) => sendFrame(clientId, text));

/** The signed-in session, or null on the login screen. */
let chat = null;
let noticeTimer = null;

wireAuthForms();
wireChat();
boot();

// ---- start-up and routing ----

async function boot() {
  const token = session.loadToken();
  if (!token) return showLogin();
  if (!session.isUsable(token)) return endSession();
  const result = await api.me(token);
  if (result.status === 401) return endSession();
  // Offline at load time: trust the unexpired token; the socket's refusal check will catch a bad one.
  const username = (result.ok && result.data.username) || session.usernameOf(token);
  enterChat(token, username);
}

/** The token expired or was revoked (logged out everywhere, password changed): back to the login form. */
function endSession() {
  logout('Your session has ended. Please sign in again.');
}

function showLogin(message = '') {
  byTestId('session').hidden = true;
  byTestId('chat-view').hidden = true;
  byTestId('auth-view').hidden = false;
  showAuthForm('login');
  byTestId('login-error').textContent = message;
}

function showAuthForm(which) {
  const registering = which === 'register';
  byTestId('login-form').hidden = registering;
  byTestId('register-form').hidden = !registering;
  byTestId('login-error').textContent = '';
  byTestId('register-error').textContent = '';
  document.getElementById('auth-title').textContent = registering ? 'Create your account' : 'Welcome back';
  document.getElementById(registering ? 'register-username' : 'login-username').focus();
}

// ---- login and registration ----

function wireAuthForms() {
  byTestId('show-register').addEventListener('click', () => showAuthForm('register'));
  byTestId('show-login').addEventListener('click', () => showAuthForm('login'));
  onSubmit(byTestId('login-form'), submitLogin);
  onSubmit(byTestId('register-form'), submitRegister);
}

/** Runs handler(form) on submit, with the submit button disabled until it finishes. */
function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button.disabled) return;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await handler(form);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

function credentials(form) {
  const data = new FormData(form);
  return { username: String(data.get('username')).trim(), password: String(data.get('password')) };
}

async function submitLogin(form) {
  const { username, password } = credentials(form);
  if (!username || !password) return showFormError('login-error', 'Enter your username and password.');
  showFormError('login-error', '');
  const result = await api.login(username, password);
  if (!result.ok) return showFormError('login-error', api.errorMessage(result));
  signedIn(result.data.access_token, username);
}

async function submitRegister(form) {
  const { username, password } = credentials(form);
  if (!username || !password) return showFormError('register-error', 'Choose a username and a password.');
  showFormError('register-error', '');
  const created = await api.register(username, password);
  if (!created.ok) return showFormError('register-error', api.errorMessage(created));
  const result = await api.login(username, password);
  if (!result.ok) return showLogin(`Account created, but signing in failed: ${api.errorMessage(result)}`);
  signedIn(result.data.access_token, username);
}

function showFormError(testId, text) {
  byTestId(testId).textContent = text;
}

function signedIn(token, typedName) {
  session.saveToken(token);
  for (const form of document.querySelectorAll('.auth form')) form.reset();
  enterChat(token, session.usernameOf(token) || typedName);
}

// ---- the chat session ----

function enterChat(token, username) {
  byTestId('auth-view').hidden = true;
  byTestId('chat-view').hidden = false;
  byTestId('session').hidden = false;
  byTestId('current-user').textContent = username;
  messages.reset(username);
  const connection = new ChatConnection(token, {
    onFrame: handleFrame,
    onState: showConnectionState,
    lastId: () => messages.lastId,
    stillAuthorized: () => stillAuthorized(token),
  });
  chat = { token, username, connection, expiryTimer: scheduleExpiry(token), resendTimer: null };
  connection.start();
  byTestId('composer-input').focus();
}

function scheduleExpiry(token) {
  const remaining = session.msUntilExpiry(token);
  return remaining <= LONGEST_TIMER_MS ? setTimeout(endSession, remaining) : null;
}

function logout(message = '') {
  if (chat) {
    chat.connection.stop();
    clearTimeout(chat.expiryTimer);
    clearTimeout(chat.resendTimer);
    chat = null;
  }
  session.clearToken();
  messages.reset(null);
  renderOnline([]);
  showLogin(message);
}

async function stillAuthorized(token) {
  const result = await api.me(token);
  if (result.status !== 401) return true; // includes "server unreachable": keep retrying
  if (chat && chat.token === token) endSession();
  return false;
}

function handleFrame(frame) {
  switch (frame.type) {
    case 'history':
      messages.applyHistory(frame);
      resendPending(); // after a drop: whatever was not echoed may not have been stored
      break;
    case 'message':
      messages.add(frame);
      break;
    case 'presence':
      renderOnline(frame.online);
      break;
    case 'error':
      showNotice(frame.message || frame.code || 'The server reported an error.');
      if (!PERMANENT_ERRORS.has(frame.code)) scheduleResend();
      break;
    default:
      break; // newer server frame types are ignored
  }
}

function showConnectionState(state) {
  const indicator = byTestId('connection-state');
  indicator.dataset.state = state;
  indicator.querySelector('.connection__label').textContent = STATE_LABELS[state] ?? state;
  byTestId('send-button').disabled = state !== 'online';
}

function renderOnline(names) {
  const list = byTestId('online-list');
  const sorted = [...new Set(Array.isArray(names) ? names : [])].sort((a, b) => a.localeCompare(b));
  list.replaceChildren(...sorted.map(personItem));
  byTestId('online-count').textContent = String(sorted.length);
}

function personItem(name) {
  const item = document.createElement('li');
  item.className = 'people__person';
  item.dataset.testid = 'online-user';
  item.textContent = name;
  if (chat && name === chat.username) {
    item.classList.add('people__person--me');
    item.append(Object.assign(document.createElement('span'), { className: 'people__you', textContent: ' (you)' }));
  }
  return item;
}

// ---- composing ----

function wireChat() {
  byTestId('logout').addEventListener('click', () => logout());
  const input = byTestId('composer-input');
  const form = byTestId('composer');
  input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter (and Enter while an IME is composing) inserts a line break.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    const tooLong = [...input.value].length > MAX_TEXT_LENGTH && validateText(input.value);
    showHint(tooLong || COMPOSER_HINT, Boolean(tooLong));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitMessage(input);
  });
  // On a phone the online list starts folded so the conversation gets the room.
  if (window.matchMedia('(max-width: 640px)').matches) byTestId('online-panel').open = false;
}

function submitMessage(input) {
  const problem = validateText(input.value);
  if (problem) return showHint(problem, true);
  if (!sendText(input.value)) return showHint('Not connected yet. Your message is kept; try again soon.', true);
  input.value = '';
  showHint(COMPOSER_HINT);
}

function validateText(text) {
  if (!text.trim()) return 'Type a message first.';
  const length = [...text].length;
  if (length > MAX_TEXT_LENGTH) return `Messages can be at most ${MAX_TEXT_LENGTH} characters (this one has ${length}).`;
  return null;
}

/** Sends a new message and shows it as pending; false when offline. */
function sendText(text) {
  const clientId = newClientId();
  if (!sendFrame(clientId, text)) return false;
  messages.addPending(clientId, text);
  return true;
}

function sendFrame(clientId, text) {
  return Boolean(chat) && chat.connection.send({ type: 'message', text, clientId });
}

function resendPending() {
  for (const { clientId, text } of messages.takeForResend(MAX_SEND_ATTEMPTS)) sendFrame(clientId, text);
}

/** Resends after a short, jittered pause, so a busy server is not hit again at once. */
function scheduleResend() {
  if (!chat) return;
  clearTimeout(chat.resendTimer);
  chat.resendTimer = setTimeout(resendPending, 1000 + Math.random() * 1000);
}

// crypto.randomUUID exists only in secure contexts; a self-hosted server may be plain http on a LAN.
function newClientId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function showHint(text, isError = false) {
  const hint = byTestId('composer-hint');
  if (hint.textContent !== text) hint.textContent = text; // unchanged text: nothing to re-announce
  hint.classList.toggle('composer__hint--error', isError);
}

function showNotice(text) {
  const notice = byTestId('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.hidden = true), NOTICE_MS);
}

session.onTokenClearedElsewhere(() => {
  if (chat) logout();
});
