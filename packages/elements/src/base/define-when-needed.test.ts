import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test/browser-helpers.js';
import { defineWhenNeeded } from './define-when-needed.js';

// Each test registers names of its own: a name, once defined, stays defined in the page.
let run = 0;
const uniqueName = (what: string) => `test-${what}-${++run}-${Math.random().toString(36).slice(2, 8)}`;

/** An element that, like the report button, renders its own control and hides the fallback inside it. */
class RendersAButton extends HTMLElement {
  updateComplete = Promise.resolve();
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<button type="button">Melden</button>';
  }
}

/** Records each construction, with whether a task passed since the previous element's was recorded. */
function recordingClass(log: { name: string; newTask: boolean }[], taskMark: { passed: boolean }) {
  return class extends HTMLElement {
    constructor() {
      super();
      log.push({ name: this.localName, newTask: taskMark.passed });
      taskMark.passed = false;
      setTimeout(() => (taskMark.passed = true));
    }
  };
}

/**
 * Calls `then` at the page's next idle moment, as `defineWhenNeeded` waits for one: an idle callback
 * (they run in the order they were asked for), or where the engine has none a 50 ms timer (those too).
 */
function atNextIdle(then: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(then, { timeout: 2000 });
  else setTimeout(then, 50);
}

function place(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  return container;
}

describe('defineWhenNeeded', () => {
  it('defines an element shown on the page, and one far below it once the page is idle, each in a task of its own', async () => {
    const near = uniqueName('near');
    const far = uniqueName('far');
    const log: { name: string; newTask: boolean }[] = [];
    const taskMark = { passed: true };
    const container = place(`<${near}></${near}><div style="height: 500vh"></div><${far}></${far}>`);
    try {
      // Asked for before the elements are handed over, so it runs before the idle moment they wait for.
      const farDefinedAtFirstIdle = new Promise<boolean>((resolve) => atNextIdle(() => resolve(Boolean(customElements.get(far)))));
      defineWhenNeeded({ [far]: recordingClass(log, taskMark), [near]: recordingClass(log, taskMark) });
      expect(customElements.get(near), 'defined while the module runs').to.equal(undefined);
      expect(await farDefinedAtFirstIdle, 'the far element defined before the page was idle').to.equal(false);
      await waitUntil(() => customElements.get(near) && customElements.get(far), 'both elements defined');
      expect(log.map((entry) => entry.name)).to.have.members([near, far]);
      expect(log[1]!.newTask, 'the second element upgraded in the same task as the first').to.equal(true);
    } finally {
      container.remove();
    }
  });

  it('defines an element that is not on the page yet, or inside another shadow root, once the page is idle', async () => {
    const name = uniqueName('later');
    const host = place('<div></div>').firstElementChild!;
    const inner = host.attachShadow({ mode: 'open' });
    inner.innerHTML = `<${name}></${name}>`;
    try {
      defineWhenNeeded({ [name]: class extends HTMLElement {} });
      await waitUntil(() => customElements.get(name), 'defined at idle');
      expect(inner.querySelector(name)!.matches(':defined')).to.equal(true);
    } finally {
      host.parentElement!.remove();
    }
  });

  it('leaves a name that is already taken alone', async () => {
    const name = uniqueName('taken');
    class First extends HTMLElement {}
    customElements.define(name, First);
    const other = uniqueName('other');
    defineWhenNeeded({ [name]: class extends HTMLElement {}, [other]: class extends HTMLElement {} });
    await waitUntil(() => customElements.get(other), 'the other element defined');
    expect(customElements.get(name)).to.equal(First);
  });

  it('moves the focus from the fallback link inside an instance to the control it renders', async () => {
    const name = uniqueName('button');
    const container = place(`<${name}><a href="/melden">Een melding doen</a></${name}>`);
    try {
      const link = container.querySelector('a')!;
      link.focus();
      expect(document.activeElement).to.equal(link);
      defineWhenNeeded({ [name]: RendersAButton });
      await waitUntil(() => customElements.get(name), 'defined');
      const element = container.querySelector(name)!;
      await waitUntil(() => element.shadowRoot!.activeElement, 'the focus on the rendered button');
      expect(element.shadowRoot!.activeElement).to.equal(element.shadowRoot!.querySelector('button'));
    } finally {
      container.remove();
    }
  });

  it('keeps the focus where the visitor moved it before the element rendered', async () => {
    const name = uniqueName('button');
    const container = place(`<${name}><a href="/melden">Een melding doen</a></${name}><input aria-label="Zoeken">`);
    const input = container.querySelector('input')!;
    /** Renders a task after its upgrade; the visitor moves on to the search field in between. */
    class RendersLater extends RendersAButton {
      override updateComplete = new Promise<void>((resolve) => setTimeout(resolve, 30));
      constructor() {
        super();
        setTimeout(() => input.focus());
      }
    }
    try {
      container.querySelector('a')!.focus();
      defineWhenNeeded({ [name]: RendersLater });
      await waitUntil(() => customElements.get(name), 'defined');
      await container.querySelector<RendersLater>(name)!.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(document.activeElement).to.equal(input);
    } finally {
      container.remove();
    }
  });
});
