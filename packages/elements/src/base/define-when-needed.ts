import { defineElement } from './define-element.js';
import { nextTask } from './next-task.js';

/**
 * Registers each element when the page needs it (issue 19: no long task of ours on the host page):
 * an element is defined when one of its instances comes near the viewport, and every element not
 * defined yet once the page has loaded and the browser is idle, one after the other. So upgrading an
 * element's instances is a task of its own, apart from the module's evaluation and from the other
 * elements, and the host page's own load goes first. The idle pass does not look for instances (it
 * cannot see into other shadow roots): an element the visitor scrolls to, that the page adds later or
 * that sits in another component's shadow root is defined all the same. Until then its fallback shows,
 * as before the script ran.
 *
 * `elements`: the classes by element name. A name already taken (another build of Weerbaar
 * defined it) is left alone.
 */
export function defineWhenNeeded(elements: Record<string, CustomElementConstructor>): void {
  const pending = new Map(Object.entries(elements).filter(([name]) => !customElements.get(name)));
  if (!pending.size) return;
  let queue = Promise.resolve();
  // One at a time, each in a task of its own: two elements' upgrades never land in one task.
  const define = (name: string) => {
    const element = pending.get(name);
    if (element) {
      pending.delete(name);
      // An element that fails to define (its name taken meanwhile) does not stop the others.
      queue = queue.then(() => defineKeepingFocus(name, element)).then(nextTask, nextTask);
    }
    return queue;
  };
  // Near: within a screen's height above or below what is shown.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) void define(entry.target.localName);
    },
    { rootMargin: '100% 0px' },
  );
  const observeAll = () => {
    for (const element of document.querySelectorAll([...pending.keys()].join())) observer.observe(element);
  };
  // An `async` script may run before the page is parsed: its instances are looked for after, in a task
  // apart from the parser's last one (the browser lays the page out in that one).
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => void nextTask().then(observeAll));
  else observeAll();
  void idle().then(async () => {
    for (const name of pending.keys()) {
      await define(name);
      await idle();
    }
    observer.disconnect();
  });
}

/**
 * Defines an element; when the focus was in the fallback inside one of its instances (the report
 * button's link) and the element's own rendering hides that fallback, the focus moves to the first
 * control the element rendered instead of being lost to the page.
 */
async function defineKeepingFocus(name: string, element: CustomElementConstructor): Promise<void> {
  const focused = document.activeElement;
  const holder = focused && [...document.querySelectorAll(name)].find((instance) => instance !== focused && instance.contains(focused));
  defineElement(name, element);
  if (!holder) return;
  await (holder as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  if (document.activeElement === focused && focused.getClientRects().length) return;
  if (document.activeElement !== focused && document.activeElement !== document.body) return;
  holder.shadowRoot?.querySelector<HTMLElement>('a[href], button, input, select, textarea')?.focus();
}

/** Resolves when the page has loaded and the browser has a moment with nothing else to do. */
function idle(): Promise<unknown> {
  return new Promise((resolve) => {
    const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 50));
    if (document.readyState === 'complete') whenIdle();
    else addEventListener('load', whenIdle);
  });
}
