// Uploading one file, and what the page refuses before uploading. XMLHttpRequest rather than fetch: it reports
// upload progress and can be aborted. Resolves like api.js ({ ok, status, data }), or { aborted: true }.

const UNREACHABLE = 'Cannot reach the server. Check your connection.';

/** Starts the upload: { done: Promise<result>, abort() }; onProgress(fraction 0..1) while the body goes out. */
export function uploadFile(token, room, file, onProgress) {
  const xhr = new XMLHttpRequest();
  const done = new Promise((resolve) => {
    xhr.open('POST', `/api/rooms/${encodeURIComponent(room)}/files`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => resolve(answer(xhr)));
    xhr.addEventListener('error', () => resolve({ ok: false, status: 0, data: { message: UNREACHABLE } }));
    xhr.addEventListener('timeout', () => resolve({ ok: false, status: 0, data: { message: UNREACHABLE } }));
    xhr.addEventListener('abort', () => resolve({ ok: false, status: 0, aborted: true, data: {} }));
    const form = new FormData();
    form.append('file', file, file.name || 'file'); // a pasted image may come without a name
    xhr.send(form); // the browser writes the multipart boundary into Content-Type itself
  });
  return { done, abort: () => xhr.abort() };
}

function answer(xhr) {
  let data = {};
  try {
    data = JSON.parse(xhr.responseText) ?? {};
  } catch {
    // an empty or non-JSON body: errorMessage() falls back to the status
  }
  return { ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, data };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
const sizeFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** 1536 -> "1.5 KB" (binary steps, as file managers mostly show). */
export function humanSize(bytes) {
  let value = Number(bytes) || 0;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sizeFormat.format(unit === 0 ? value : Math.floor(value * 10) / 10)} ${UNITS[unit]}`;
}

/**
 * Why a file cannot be uploaded under the server's limits ({ maxFileSize, filesPerMessage, quota, used }), or
 * null; reserved: bytes already chosen or still uploading, which count against the quota too.
 */
export function refusal(file, limits, reserved) {
  if (!limits) return null; // unknown (offline): the server checks anyway
  if (limits.maxFileSize > 0 && file.size > limits.maxFileSize) {
    return `${file.name || 'The file'} is too large (${humanSize(file.size)}); files can be at most ${humanSize(limits.maxFileSize)}.`;
  }
  if (limits.quota > 0 && (limits.used || 0) + reserved + file.size > limits.quota) {
    return `${file.name || 'The file'} would go over your storage quota (${humanSize(limits.used || 0)} of ${humanSize(limits.quota)} used).`;
  }
  return null;
}
