// Thin wrappers over the REST endpoints; every call resolves to { ok, status, data } and never throws.

async function request(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    return { ok: response.ok, status: response.status, data: await readJson(response) };
  } catch {
    return { ok: false, status: 0, data: { message: 'Cannot reach the server. Check your connection.' } };
  }
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

/** The server's human-readable message, or a generic one naming the status. */
export function errorMessage(result) {
  const message = result.data && typeof result.data.message === 'string' ? result.data.message : '';
  return message || `Something went wrong (HTTP ${result.status}).`;
}

const path = (value) => encodeURIComponent(String(value));
const query = (params) => new URLSearchParams(
  Object.entries(params).filter(([, value]) => value !== undefined && value !== null).map(([k, v]) => [k, String(v)]),
).toString();

export const register = (username, password) => request('POST', '/register', { body: { username, password } });

export const login = (username, password) => request('POST', '/login', { body: { username, password } });

export const me = (token) => request('GET', '/api/me', { token });

// ---- rooms (docs/protocol.md section 4.2) ----

export const directory = (token) => request('GET', '/api/rooms/directory', { token });

export function createRoom(token, { name, topic, isPrivate }) {
  const body = { name, private: Boolean(isPrivate) };
  if (topic) body.topic = topic;
  return request('POST', '/api/rooms', { token, body });
}

export const joinRoom = (token, room) => request('POST', `/api/rooms/${path(room)}/join`, { token });

export const leaveRoom = (token, room) => request('POST', `/api/rooms/${path(room)}/leave`, { token });

export const members = (token, room) => request('GET', `/api/rooms/${path(room)}/members`, { token });

export const addMember = (token, room, username) =>
  request('POST', `/api/rooms/${path(room)}/members`, { token, body: { username } });

export const removeMember = (token, room, username) =>
  request('DELETE', `/api/rooms/${path(room)}/members/${path(username)}`, { token });

export const messagesBefore = (token, room, before, limit) =>
  request('GET', `/api/rooms/${path(room)}/messages?${query({ before, limit })}`, { token });

export const editMessage = (token, room, id, text) =>
  request('PATCH', `/api/rooms/${path(room)}/messages/${path(id)}`, { token, body: { text } });

export const deleteMessage = (token, room, id) =>
  request('DELETE', `/api/rooms/${path(room)}/messages/${path(id)}`, { token });

export const startDm = (token, username) => request('POST', '/api/dms', { token, body: { username } });

export const search = (token, q) => request('GET', `/api/search?${query({ q })}`, { token });

// ---- files (issue 13); the upload itself is in uploads.js, which needs XMLHttpRequest for its progress ----

export const fileLimits = (token) => request('GET', '/api/files/limits', { token });

export const fileLinks = (token, ids) => request('POST', '/api/files/links', { token, body: { ids } });

export const deleteFile = (token, id) => request('DELETE', `/api/files/${path(id)}`, { token });
