// Who is typing, per room: each notice lasts 6 s unless renewed, and ends when that person's message arrives.
import { userText } from './dom.js';

const SHOW_MS = 6000;

/** The typing line as nodes: each name in its own <bdi>, so a right-to-left name cannot reorder the sentence. */
export function typingLine(names) {
  if (names.length === 0 || names.length > 3) return names.length ? ['Several people are typing…'] : [];
  const parts = [];
  names.forEach((name, i) => {
    if (i > 0) parts.push(i === names.length - 1 ? ' and ' : ', ');
    parts.push(userText('bdi', null, name));
  });
  parts.push(names.length === 1 ? ' is typing…' : ' are typing…');
  return parts;
}

export class Typing {
  /** onChange(room) is called whenever the set of typers of a room changes. */
  constructor(onChange) {
    this.onChange = onChange;
    this.rooms = new Map(); // room -> Map(username -> timer)
  }

  add(room, username) {
    let typers = this.rooms.get(room);
    if (!typers) this.rooms.set(room, (typers = new Map()));
    const renewed = typers.has(username);
    clearTimeout(typers.get(username));
    typers.set(username, setTimeout(() => this.remove(room, username), SHOW_MS));
    if (!renewed) this.onChange(room);
  }

  remove(room, username) {
    const typers = this.rooms.get(room);
    if (!typers || !typers.has(username)) return;
    clearTimeout(typers.get(username));
    typers.delete(username);
    this.onChange(room);
  }

  names(room) {
    return [...(this.rooms.get(room)?.keys() ?? [])].sort((a, b) => a.localeCompare(b));
  }

  clear() {
    this.rooms.forEach((typers) => typers.forEach((timer) => clearTimeout(timer)));
    this.rooms.clear();
  }
}
