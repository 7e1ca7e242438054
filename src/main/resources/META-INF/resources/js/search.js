// Message search: results (room, author, time, text — all as text); choosing one opens its room at the message.
import * as api from './api.js';
import { byTestId, element, formatDateTime, userText } from './dom.js';

/** chat: { token(), roomLabel(roomId), reveal(roomId, messageId) }. */
export function wireSearch(chat) {
  const form = byTestId('search-form');
  const input = byTestId('search-input');
  const panel = byTestId('search-results');
  const status = byTestId('search-status');
  const list = byTestId('search-result-list');
  let generation = 0;

  function clear() {
    generation += 1;
    panel.hidden = true;
    list.replaceChildren();
    status.textContent = '';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return clear();
    const mine = ++generation;
    panel.hidden = false;
    list.replaceChildren();
    status.textContent = 'Searching…';
    const result = await api.search(chat.token(), q);
    if (mine !== generation) return; // a newer search replaced this one
    if (!result.ok) {
      status.textContent = api.errorMessage(result);
      return;
    }
    const results = Array.isArray(result.data.results) ? result.data.results : [];
    status.textContent = results.length
      ? `${results.length} message${results.length === 1 ? '' : 's'} found`
      : 'No messages found.';
    list.replaceChildren(...results.map(resultItem));
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      input.value = '';
      clear();
    }
  });
  byTestId('search-clear').addEventListener('click', () => {
    input.value = '';
    clear();
    input.focus();
  });

  function resultItem(message) {
    const link = element('button', 'search-result');
    link.type = 'button';
    link.dataset.testid = 'search-result';
    link.dataset.room = message.room;
    link.dataset.id = String(message.id);
    const meta = element('span', 'search-result__meta');
    const room = userText('span', 'search-result__room', chat.roomLabel(message.room));
    room.dataset.testid = 'search-result-room';
    const author = userText('span', 'search-result__author', message.username);
    author.dataset.testid = 'search-result-author';
    meta.append(room, author, element('span', 'search-result__time', formatDateTime(message.timestamp)));
    const text = userText('span', 'search-result__text', message.text);
    text.dataset.testid = 'search-result-text';
    link.append(meta, text);
    link.addEventListener('click', () => chat.reveal(message.room, message.id));
    const item = element('li');
    item.append(link);
    return item;
  }

  return { clear };
}
