// Chatterbox page: sign-in / registration, then the chat (js/chat.js) over one WebSocket.
import * as api from './js/api.js';
import * as session from './js/session.js';
import * as chat from './js/chat.js';
import { byTestId, onSubmit } from './js/dom.js';

const NOTICE_MS = 5000;
const LONGEST_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this
const STATE_LABELS = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** The signed-in user, or null on the login screen. */
let current = null;
let noticeTimer = null;

wireAuthForms();
byTestId('logout').addEventListener('click', () => logout());
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
  if (current) clearTimeout(current.expiryTimer);
  current = { token, username, expiryTimer: scheduleExpiry(token) };
  chat.start(token, username, {
    notice: showNotice,
    onState: showConnectionState,
    stillAuthorized: () => stillAuthorized(token),
  });
}

function scheduleExpiry(token) {
  const remaining = session.msUntilExpiry(token);
  return remaining <= LONGEST_TIMER_MS ? setTimeout(endSession, remaining) : null;
}

function logout(message = '') {
  if (current) {
    clearTimeout(current.expiryTimer);
    current = null;
  }
  chat.stop();
  session.clearToken();
  showLogin(message);
}

async function stillAuthorized(token) {
  const result = await api.me(token);
  if (result.status !== 401) return true; // includes "server unreachable": keep retrying
  if (current && current.token === token) endSession();
  return false;
}

function showConnectionState(state) {
  const indicator = byTestId('connection-state');
  indicator.dataset.state = state;
  indicator.querySelector('.connection__label').textContent = STATE_LABELS[state] ?? state;
}

function showNotice(text) {
  const notice = byTestId('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.hidden = true), NOTICE_MS);
}

session.onTokenClearedElsewhere(() => {
  if (current) logout();
});
