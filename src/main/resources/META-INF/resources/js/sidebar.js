// The room list and the direct-message list, with live unread badges.
import { element, userText } from './dom.js';

const byName = (a, b) => String(a.desc.name).localeCompare(String(b.desc.name));
const unreadOf = (room) => Math.max(0, Number(room.desc.unread) || 0);
const countLabel = (count) => (count > 99 ? '99+' : String(count));

export class Sidebar {
  /** onOpen(roomId) is called when a room is chosen. */
  constructor(roomList, dmList, totalBadge, onOpen) {
    this.roomList = roomList;
    this.dmList = dmList;
    this.totalBadge = totalBadge;
    this.onOpen = onOpen;
    this.items = new Map(); // room id -> button
  }

  /** Redraws both lists: general first, then rooms by name; direct messages by the other person's name. */
  render(rooms, current) {
    const all = [...rooms];
    const direct = all.filter((room) => room.desc.kind === 'direct').sort(byName);
    const others = all.filter((room) => room.desc.kind !== 'direct')
      .sort((a, b) => (a.id === 'general' ? -1 : b.id === 'general' ? 1 : byName(a, b)));
    this.items.clear();
    this.roomList.replaceChildren(...others.map((room) => this.item(room)));
    this.dmList.replaceChildren(...direct.map((room) => this.item(room)));
    if (!direct.length) this.dmList.append(element('li', 'room-list__empty', 'No conversations yet'));
    this.setCurrent(current);
    this.updateTotal(all);
  }

  item(room) {
    const { desc } = room;
    const link = element('button', `room-link room-link--${desc.kind}`);
    link.type = 'button';
    link.dataset.testid = 'room-item';
    link.dataset.room = room.id;
    link.dataset.name = desc.name ?? '';
    link.dataset.kind = desc.kind ?? 'public';
    const icon = element('span', 'room-link__icon', desc.kind === 'direct' ? '' : '#');
    icon.setAttribute('aria-hidden', 'true');
    const name = userText('span', 'room-link__name', desc.name ?? room.id);
    link.append(icon, name);
    if (desc.kind === 'private') {
      link.append(element('span', 'room-link__tag', 'private'));
    }
    const badge = element('span', 'badge');
    badge.dataset.testid = 'unread-badge';
    link.append(badge);
    link.addEventListener('click', () => this.onOpen(room.id));
    this.items.set(room.id, link);
    this.update(room);
    const item = element('li', 'room-list__item');
    item.append(link);
    return item;
  }

  /** Refreshes one room's badge and online mark. */
  update(room, rooms) {
    const link = this.items.get(room.id);
    if (!link) return;
    const unread = unreadOf(room);
    const badge = link.querySelector('.badge');
    badge.textContent = countLabel(unread);
    badge.hidden = unread === 0;
    badge.setAttribute('aria-label', `${unread} unread`);
    link.dataset.unread = String(unread);
    if (room.desc.kind === 'direct') {
      const online = Boolean(room.online && room.online.has(room.desc.with ?? room.desc.name));
      link.classList.toggle('room-link--online', online);
    }
    if (rooms) this.updateTotal(rooms);
  }

  /** The phone's ☰ button shows whether anything is unread anywhere. */
  updateTotal(rooms) {
    let total = 0;
    for (const room of rooms) total += unreadOf(room);
    this.totalBadge.textContent = countLabel(total);
    this.totalBadge.hidden = total === 0;
  }

  setCurrent(current) {
    this.items.forEach((link, id) => {
      if (id === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
  }

  focusCurrent() {
    const current = [...this.items.values()].find((link) => link.hasAttribute('aria-current'));
    (current ?? this.items.values().next().value)?.focus();
  }
}
