// On a phone the room list is a drawer behind the ☰ button; focus moves into it and back out with it.
import { sidebar } from './rooms.js';
import { byTestId } from './dom.js';

const panel = byTestId('sidebar');
const toggle = byTestId('sidebar-toggle');

const isOpen = () => panel.classList.contains('sidebar--open');

function openDrawer() {
  panel.classList.add('sidebar--open');
  toggle.setAttribute('aria-expanded', 'true');
  sidebar.focusCurrent();
}

export function closeDrawer() {
  if (!isOpen()) return;
  const hadFocus = panel.contains(document.activeElement);
  panel.classList.remove('sidebar--open');
  toggle.setAttribute('aria-expanded', 'false');
  if (hadFocus) toggle.focus();
}

toggle.addEventListener('click', () => (isOpen() ? closeDrawer() : openDrawer()));
byTestId('sidebar-close').addEventListener('click', closeDrawer);
panel.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && isOpen()) closeDrawer();
});
