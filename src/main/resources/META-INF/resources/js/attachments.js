// Attachments in a bubble: images as thumbnails whose box is reserved from the attachment's own width and height
// (nothing jumps while they load) and that open the viewer; audio and video players; a card for any other file.
// Also the rows of uploads still on their way, in a bubble not yet sent. URLs come from the session's FileLinks.
import { session } from './chat-state.js';
import { element, userText } from './dom.js';
import { humanSize } from './uploads.js';
import { openViewer } from './viewer.js';

const THUMB_BOX = 320; // css px: the server's thumbnails fit this box

/** 'image' (it has a width and height), 'audio', 'video' or 'file'. */
export function kindOf(attachment) {
  if (attachment.width > 0 && attachment.height > 0) return 'image';
  const type = String(attachment.type || '');
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

/**
 * Gives a box the size and ratio of the image it will hold, before the image loads, so nothing below it moves.
 * On the box rather than the <img>: an <img> without a src yet may be laid out as nothing. Set through the CSSOM,
 * which the page's CSP allows (style attributes it does not); max-width: 100% in the CSS keeps the ratio when narrower.
 */
export function reserve(node, width, height) {
  node.style.width = `${width}px`;
  node.style.aspectRatio = `${width} / ${height}`;
}

/** Fits width × height into maxWidth × maxHeight without enlarging. */
export function fit(width, height, maxWidth, maxHeight = maxWidth) {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The stored attachments of a message, as frames describe them (docs/protocol.md). */
export function attachmentList(attachments) {
  const list = element('ul', 'attachments');
  list.dataset.testid = 'attachments';
  for (const attachment of attachments) {
    if (!attachment || typeof attachment.id !== 'string') continue;
    const item = element('li', 'attachments__item');
    item.dataset.fileId = attachment.id;
    item.append(RENDER[kindOf(attachment)](attachment));
    list.append(item);
  }
  return list;
}

const RENDER = {
  image: thumbnail,
  audio: (attachment) => player('audio', attachment),
  video: (attachment) => player('video', attachment),
  file: fileCard,
};

function thumbnail(attachment) {
  const open = element('button', 'attachment attachment--image');
  open.type = 'button';
  open.dataset.testid = 'attachment-image';
  open.setAttribute('aria-label', `Open image ${attachment.name ?? ''} (${attachment.width} × ${attachment.height})`);
  const box = fit(attachment.width, attachment.height, THUMB_BOX);
  reserve(open, box.width, box.height);
  const img = element('img', 'attachment__thumbnail');
  img.dataset.testid = 'attachment-thumbnail';
  img.width = box.width;
  img.height = box.height;
  img.alt = ''; // the button is labelled
  img.loading = 'lazy';
  img.decoding = 'async';
  linkUp(img, attachment.id, (link) => (attachment.thumbnail && link.thumbnailUrl) || link.url);
  open.append(img);
  open.addEventListener('click', () => openViewer(attachment, open));
  return open;
}

function player(tag, attachment) {
  const figure = element('figure', `attachment attachment--${tag}`);
  const media = element(tag, 'attachment__player');
  media.dataset.testid = `attachment-${tag}`;
  media.controls = true;
  media.preload = 'none'; // a room full of videos costs nothing until one is played
  media.setAttribute('aria-label', attachment.name ?? tag);
  if (tag === 'video') media.playsInline = true;
  linkUp(media, attachment.id, (link) => link.url);
  const caption = element('figcaption', 'attachment__details');
  caption.append(fileName(attachment), fileSize(attachment), downloadLink(attachment));
  figure.append(media, caption);
  return figure;
}

function fileCard(attachment) {
  const card = element('div', 'attachment attachment--file');
  card.dataset.testid = 'attachment-file';
  const details = element('div', 'attachment__details');
  details.append(fileName(attachment), fileSize(attachment));
  card.append(glyph(attachment), details, downloadLink(attachment));
  return card;
}

/** A short text mark for the type: the extension ("PDF"), else a note or a film for audio and video. */
export function glyph({ name, type }) {
  const extension = /\.([a-z0-9]{1,4})$/i.exec(String(name ?? ''));
  const kind = String(type ?? '');
  let mark = extension ? extension[1].toUpperCase() : 'FILE';
  if (kind.startsWith('audio/')) mark = '♪';
  else if (kind.startsWith('video/')) mark = '▶';
  const node = element('span', 'attachment__glyph', mark);
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function fileName(attachment) {
  const node = userText('span', 'attachment__name', attachment.name ?? '');
  node.dataset.testid = 'attachment-name';
  node.title = attachment.name ?? '';
  return node;
}

function fileSize(attachment) {
  const node = element('span', 'attachment__size', humanSize(attachment.size));
  node.dataset.testid = 'attachment-size';
  return node;
}

function downloadLink(attachment) {
  const link = element('a', 'attachment__download', 'Download');
  link.dataset.testid = 'attachment-download';
  link.download = attachment.name ?? '';
  link.setAttribute('aria-label', `Download ${attachment.name ?? ''} (${humanSize(attachment.size)})`);
  const links = session?.links;
  links?.get(attachment.id).then((found) => {
    if (found) link.href = found.url;
  });
  link.addEventListener('click', (event) => {
    if (!links || links.isFresh(attachment.id)) return;
    // The page was open longer than a link lives: fetch a fresh one, then follow it.
    event.preventDefault();
    links.get(attachment.id, { fresh: true }).then((found) => {
      if (!found) return;
      link.href = found.url;
      link.click();
    });
  });
  return link;
}

/** Sets src from the attachment's link; one fresh link after an error (it expired before the element loaded). */
function linkUp(node, id, pick) {
  const links = session?.links;
  if (!links) return;
  let retried = false;
  const apply = (link) => {
    if (link) node.src = pick(link);
    else node.closest('.attachments__item')?.classList.add('attachments__item--unavailable');
  };
  node.addEventListener('error', () => {
    if (retried || !node.getAttribute('src')) return;
    retried = true;
    links.get(id, { fresh: true }).then(apply);
  });
  links.get(id).then(apply);
}

// ---- uploads of a message not yet sent (see outbox.js for their states) ----

/** A small preview of a chosen file: the image itself (a local blob: URL) or its type mark. */
export function filePreview(file) {
  if (!String(file.type).startsWith('image/')) return glyph(file);
  const img = element('img', 'attachment__preview');
  img.alt = '';
  const url = URL.createObjectURL(file);
  // Once decoded the image stays on screen; the URL is not needed any more.
  const release = () => URL.revokeObjectURL(url);
  img.addEventListener('load', release, { once: true });
  img.addEventListener('error', release, { once: true });
  img.src = url;
  return img;
}

const UPLOAD_LABELS = { waiting: 'Waiting', done: 'Uploaded' };

/** handlers: cancel(key), retry(key). */
export function uploadList(uploads, handlers) {
  const list = element('ul', 'uploads');
  list.dataset.testid = 'uploads';
  for (const upload of uploads) list.append(uploadRow(upload, handlers));
  return list;
}

function uploadRow(upload, { cancel, retry }) {
  const row = element('li', 'upload');
  row.dataset.testid = 'upload';
  row.dataset.key = String(upload.key);
  const name = upload.file.name || 'file';
  const details = element('div', 'attachment__details');
  const label = userText('span', 'attachment__name', name);
  label.title = name;
  details.append(label, element('span', 'attachment__size', humanSize(upload.file.size)));
  const progress = element('progress', 'upload__progress');
  progress.dataset.testid = 'upload-progress';
  progress.max = 1;
  progress.setAttribute('aria-label', `Uploading ${name}`);
  const status = element('span', 'upload__status');
  status.dataset.testid = 'upload-status';
  const retryButton = element('button', 'message__action', 'Retry');
  retryButton.type = 'button';
  retryButton.dataset.testid = 'upload-retry';
  retryButton.setAttribute('aria-label', `Retry uploading ${name}`);
  retryButton.addEventListener('click', () => retry(upload.key));
  const cancelButton = element('button', 'message__action');
  cancelButton.type = 'button';
  cancelButton.dataset.testid = 'upload-cancel';
  cancelButton.addEventListener('click', () => cancel(upload.key));
  details.append(progress, status);
  row.append(filePreview(upload.file), details, retryButton, cancelButton);
  showUpload(row, upload);
  return row;
}

/** Brings a row up to date with its upload's state and progress. */
export function showUpload(row, upload) {
  row.dataset.state = upload.state;
  const progress = row.querySelector('.upload__progress');
  progress.hidden = upload.state !== 'uploading';
  progress.value = upload.progress;
  const status = row.querySelector('.upload__status');
  status.textContent = upload.state === 'uploading' ? `${Math.floor(upload.progress * 100)} %`
    : upload.state === 'failed' ? upload.error : UPLOAD_LABELS[upload.state];
  status.classList.toggle('upload__status--error', upload.state === 'failed');
  if (upload.state === 'failed') status.dataset.testid = 'upload-error';
  else status.dataset.testid = 'upload-status';
  row.querySelector('[data-testid="upload-retry"]').hidden = upload.state !== 'failed';
  const cancel = row.querySelector('[data-testid="upload-cancel"]');
  cancel.hidden = upload.state === 'done';
  const verb = upload.state === 'uploading' ? 'Cancel' : 'Remove';
  if (cancel.textContent !== verb) {
    cancel.textContent = verb;
    cancel.setAttribute('aria-label', `${verb} ${upload.file.name || 'file'}`);
  }
}
