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

export const register = (username, password) => request('POST', '/register', { body: { username, password } });

export const login = (username, password) => request('POST', '/login', { body: { username, password } });

export const me = (token) => request('GET', '/api/me', { token });
