// Who is typing, per room: each notice lasts 6 s unless renewed, and ends when that person's message arrives.
const SHOW_MS = 6000;

export function typingText(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
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
