// The stored login token and what the page reads from it (never trusted by the server).
const TOKEN_KEY = 'chatterbox.token';
// Treat a token as expired slightly early so a socket never opens with a token about to lapse.
const EXPIRY_MARGIN_SECONDS = 5;

export function loadToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function saveToken(token) {
  localStorage.setItem(TOKEN_KEY, token);
}

export function clearToken() {
  localStorage.removeItem(TOKEN_KEY);
}

/** Calls back when another tab removes the token (logs out), so this tab follows. */
export function onTokenClearedElsewhere(callback) {
  window.addEventListener('storage', (event) => {
    if (event.key === TOKEN_KEY && !event.newValue) callback();
  });
}

/** Decodes the JWT payload (base64url JSON); null when the token is malformed. */
function decodeClaims(token) {
  const part = typeof token === 'string' ? token.split('.')[1] : undefined;
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Milliseconds until the token expires; 0 if expired or unreadable, Infinity without an exp claim. */
export function msUntilExpiry(token) {
  const claims = decodeClaims(token);
  if (!claims) return 0;
  if (typeof claims.exp !== 'number') return Infinity;
  return Math.max(0, (claims.exp - EXPIRY_MARGIN_SECONDS) * 1000 - Date.now());
}

export function isUsable(token) {
  return Boolean(token) && msUntilExpiry(token) > 0;
}

/** The user name the token was issued to (upn, else sub). */
export function usernameOf(token) {
  const claims = decodeClaims(token);
  return claims ? claims.upn ?? claims.preferred_username ?? claims.sub ?? null : null;
}
