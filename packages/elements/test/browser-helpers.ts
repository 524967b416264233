// Shared steps of the elements' browser tests (real Chromium, Firefox ESR and WebKit).
import { expect, fixture, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { html } from 'lit';
// @ts-expect-error -- a virtual module served by test-support/wtr-browsers.mjs
import { features } from '/__weerbaar/browser-features.js';
import type { SupportedLocale } from '../src/base/locale.js';

export const languages: SupportedLocale[] = ['nl', 'en'];

/**
 * open-wc's `waitUntil` with a limit fit for a full run: its default of 1 s failed waits on a server
 * round trip when every suite ran at once on two busy cores. A timeout given still wins.
 */
export function waitUntil(predicate: () => unknown, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<unknown> {
  return openWcWaitUntil(predicate, message, { timeout: 10_000, ...options });
}

/** What the test driver can emulate in this engine (test-support/wtr-browsers.mjs). */
export type DriverFeature = 'emulateMedia' | 'setViewport' | 'virtualAuthenticator';

/**
 * `describe` where this engine's driver has `feature`; elsewhere the block is reported as skipped
 * (Firefox's and WebKit's drivers emulate no media type or forced colours; WebKit's sets no viewport;
 * only Chromium's has a virtual authenticator for passkeys).
 */
export function describeWhere(feature: DriverFeature): typeof describe.skip {
  return (features as Record<DriverFeature, boolean>)[feature] ? describe : describe.skip;
}

type Updatable = HTMLElement & { updateComplete: Promise<boolean> };

export interface MountOptions {
  attributes?: Record<string, string>;
  /** Inline content as a `<script type="application/json">` child. */
  json?: unknown;
  /** Light-DOM children (the test's own markup). */
  children?: string;
  properties?: Record<string, unknown>;
}

/** Creates `<tag>` inside a `<div lang>` on the page and waits for its first render. */
export async function mount<T extends Updatable>(lang: string, tag: string, { attributes = {}, json, children, properties = {} }: MountOptions = {}): Promise<T> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  const element = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (children) element.innerHTML = children;
  if (json !== undefined) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(json);
    element.append(script);
  }
  Object.assign(element, properties);
  wrapper.append(element);
  await element.updateComplete;
  return element;
}

/** axe-core over the element, its shadow DOM included: zero violations. */
export async function expectAccessible(element: Element): Promise<void> {
  await expect(element).to.be.accessible();
}

/** The element's rendered text (shadow DOM), whitespace collapsed. */
export function shadowText(element: HTMLElement): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function shadow<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

export function shadowAll<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T[] {
  return [...(element.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** Every element under `root`, through every open shadow root (the report dialog sits in one). */
export function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  // Not `instanceof`: the element may come from another frame (the strict-CSP pages).
  visit('shadowRoot' in root && root.shadowRoot ? root.shadowRoot : root);
  return found;
}

/** The rendered text under `host`, shadow roots included, whitespace collapsed. */
export function deepText(host: Element): string {
  const texts: string[] = [];
  const visit = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) texts.push(child.textContent ?? '');
      else visit(child);
      const { shadowRoot } = child as Element;
      if (shadowRoot) visit(shadowRoot);
    }
  };
  visit(host.shadowRoot ?? host);
  return texts.join(' ').replace(/\s+/g, ' ');
}
