// Small DOM helpers. User data only ever goes in through textContent, never as markup.

export const byTestId = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * An element for text a person wrote (a message, a name, a topic): its direction comes from its own first strong
 * character (dir="auto") and it is isolated from the text around it, so right-to-left text neither flips nor is
 * flipped by what surrounds it.
 */
export function userText(tag, className, text) {
  const node = element(tag, className, text);
  node.dir = 'auto';
  return node;
}

export function button(className, text, { testId, label } = {}) {
  const node = element('button', className, text);
  node.type = 'button';
  if (testId) node.dataset.testid = testId;
  if (label) node.setAttribute('aria-label', label);
  return node;
}

/** Runs handler(form) on submit, with the submit button disabled (and the form aria-busy) until it finishes. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submitButton = form.querySelector('button[type="submit"]');
    if (submitButton.disabled) return;
    submitButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await handler(form);
    } finally {
      submitButton.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> showing the hour (today) or the date and hour, with the full date as a tooltip. */
export function timeElement(timestamp, className = 'message__time') {
  const time = element('time', className);
  time.dataset.testid = 'message-time';
  const date = timestamp ? new Date(timestamp) : null;
  if (!date || Number.isNaN(date.getTime())) return time;
  time.dateTime = date.toISOString();
  time.title = dateTimeFormat.format(date);
  const today = date.toDateString() === new Date().toDateString();
  time.textContent = today ? timeFormat.format(date) : dateTimeFormat.format(date);
  return time;
}

export function formatDateTime(timestamp) {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? '' : dateTimeFormat.format(date);
}

/** How a room is named in lists: "#random" for rooms, "@bob" for direct messages. */
export function roomLabel(desc) {
  if (!desc) return '';
  return desc.kind === 'direct' ? `@${desc.name ?? desc.with ?? ''}` : `#${desc.name ?? desc.room}`;
}
