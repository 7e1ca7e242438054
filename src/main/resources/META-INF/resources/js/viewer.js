// The image viewer: a native modal <dialog> showing one image at full size. Escape, the Close button or a click
// beside the image closes it, and focus goes back to the thumbnail that opened it.
import { session } from './chat-state.js';
import { reserve } from './attachments.js';
import { byTestId } from './dom.js';

const dialog = byTestId('image-viewer');
const image = byTestId('viewer-image');
const frame = image.parentElement;
const name = byTestId('viewer-name');
const download = byTestId('viewer-download');
let opener = null;
let showing = null; // the id of the attachment shown

/** Opens the viewer on an image attachment; from: the element to focus again on close. */
export function openViewer(attachment, from) {
  opener = from;
  showing = attachment.id;
  name.textContent = attachment.name ?? '';
  download.download = attachment.name ?? '';
  download.removeAttribute('href');
  image.removeAttribute('src');
  image.alt = attachment.name ?? '';
  // The whole image, scaled down to the window; its box is set before it loads, as for thumbnails.
  const scale = Math.min(1, (window.innerWidth * 0.94 - 24) / attachment.width, (window.innerHeight * 0.82 - 80) / attachment.height);
  reserve(frame, Math.max(1, Math.round(attachment.width * scale)), Math.max(1, Math.round(attachment.height * scale)));
  image.width = attachment.width;
  image.height = attachment.height;
  dialog.showModal();
  byTestId('viewer-close').focus();
  session?.links.get(attachment.id).then((link) => {
    if (!link || showing !== attachment.id || !dialog.open) return;
    image.src = link.url;
    download.href = link.url;
  });
}

/** The image shown belonged to a message just deleted (its thumbnail is gone): close. */
export function closeViewerIfOrphaned() {
  if (dialog.open && opener && !opener.isConnected) dialog.close();
}

dialog.addEventListener('close', () => {
  showing = null;
  image.removeAttribute('src');
  const back = opener;
  opener = null;
  if (back?.isConnected) back.focus();
});
// A click on the backdrop lands on the dialog itself; clicks on the image or buttons do not.
dialog.addEventListener('click', (event) => {
  if (event.target === dialog) dialog.close();
});
byTestId('viewer-close').addEventListener('click', () => dialog.close());
