// The members of the open room, online ones marked (from the room's presence frames).
import { button, element, userText } from './dom.js';

const OFFLINE_OPEN_UP_TO = 8;
const OFFLINE_SHOWN = 200;

export class People {
  /** onRemove(username) is offered on each member when I own a private room. */
  constructor(list, count, onRemove) {
    this.list = list;
    this.count = count;
    this.onRemove = onRemove;
    this.offlineOpen = null; // null: decided by how many there are, until the reader toggles it
  }

  /**
   * room.members: [{username, online, owner}] from the REST list, or null before it arrives;
   * room.online: Set of names online from presence, or null before the first presence frame.
   */
  render(room, me) {
    if (!room) {
      this.list.replaceChildren();
      this.count.textContent = '0';
      return;
    }
    const isOnline = (member) => (room.online ? room.online.has(member.username) : Boolean(member.online));
    // Anyone online in the room is a member, also one who arrived after the list was fetched (general has no
    // members frames: everyone who registers is in it).
    const members = [...(room.members ?? [])];
    const listed = new Set(members.map((member) => member.username));
    for (const username of room.online ?? []) {
      if (!listed.has(username)) members.push({ username, online: true, owner: false });
    }
    const sorted = [...members].sort((a, b) => a.username.localeCompare(b.username));
    const canManage = room.desc.kind === 'private' && room.desc.owner === me;
    const online = sorted.filter(isOnline);
    const offline = sorted.filter((member) => !isOnline(member));
    this.list.replaceChildren(...online.map((member) => this.item(member, true, me, canManage)));
    if (offline.length) this.list.append(this.offlineGroup(offline, me, canManage));
    this.count.textContent = String(online.length);
    this.count.title = `${online.length} of ${sorted.length} online`;
  }

  /** Offline members fold away when there are many (general lists everyone who ever registered). */
  offlineGroup(offline, me, canManage) {
    const group = element('li', 'people__offline');
    const details = element('details');
    details.open = this.offlineOpen ?? offline.length <= OFFLINE_OPEN_UP_TO;
    details.addEventListener('toggle', () => (this.offlineOpen = details.open));
    details.append(element('summary', 'people__offline-title', `Offline · ${offline.length}`));
    const list = element('ul', 'people__sublist');
    list.append(...offline.slice(0, OFFLINE_SHOWN).map((member) => this.item(member, false, me, canManage)));
    if (offline.length > OFFLINE_SHOWN) list.append(element('li', 'people__more', `and ${offline.length - OFFLINE_SHOWN} more`));
    details.append(list);
    group.append(details);
    return group;
  }

  item(member, online, me, canManage) {
    const item = element('li', `people__person${online ? ' people__person--online' : ''}`);
    item.dataset.testid = 'member';
    item.dataset.username = member.username;
    item.dataset.online = String(online);
    item.append(userText('span', 'people__name', member.username));
    item.append(element('span', 'visually-hidden', online ? ' (online)' : ' (offline)'));
    if (member.username === me) item.append(element('span', 'people__you', ' (you)'));
    if (member.owner) item.append(element('span', 'people__tag', 'owner'));
    if (canManage && !member.owner && member.username !== me) {
      const remove = button('people__remove', '✕', { testId: 'remove-member', label: `Remove ${member.username}` });
      remove.title = `Remove ${member.username}`;
      remove.addEventListener('click', () => this.onRemove(member.username));
      item.append(remove);
    }
    return item;
  }
}
