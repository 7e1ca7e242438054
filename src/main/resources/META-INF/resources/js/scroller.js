// The scrolling message area: follow new messages only from the bottom, keep the reader's place when older
// messages are added above, and tell which messages are on screen.
import { byTestId } from './dom.js';

const BOTTOM_SLACK_PX = 40;

class Scroller {
  constructor(element, jumpButton) {
    this.element = element;
    this.jump = jumpButton;
  }

  atBottom() {
    const { scrollHeight, scrollTop, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK_PX;
  }

  toBottom() {
    this.element.scrollTop = this.element.scrollHeight;
    this.jump.hidden = true;
  }

  /** Puts a node near the top (the unread divider); offsets are measured from the positioned scroller. */
  toNode(node) {
    this.element.scrollTop = Math.max(0, node.offsetTop - 12);
    this.jump.hidden = this.atBottom();
  }

  /** Runs a change to the shown list; follows it only if the reader was already at the bottom. */
  follow(list, change) {
    const atBottom = this.atBottom();
    const before = list.childElementCount;
    const result = change();
    if (atBottom) this.toBottom();
    else if (list.childElementCount > before) this.jump.hidden = false;
    return result;
  }

  /** Adds above without moving what is on screen: keeps the distance from the bottom. */
  keepPlace(change) {
    const fromBottom = this.element.scrollHeight - this.element.scrollTop;
    const result = change();
    this.element.scrollTop = this.element.scrollHeight - fromBottom;
    return result;
  }

  /** The newest stored message in the list whose top is inside the visible area, or null. */
  lastVisibleId(list) {
    const bottom = this.element.getBoundingClientRect().bottom;
    for (let node = list.lastElementChild; node; node = node.previousElementSibling) {
      if (node.dataset.id !== undefined && node.getBoundingClientRect().top < bottom - 8) return Number(node.dataset.id);
    }
    return null;
  }
}

/** The page's one message area: every room's list lives inside it, only the open room's is shown. */
export const messageArea = new Scroller(byTestId('message-list'), byTestId('jump-latest'));
