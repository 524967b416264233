// Shared steps of the elements' browser tests (real Chromium).
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { SupportedLocale } from '../src/base/locale.js';

export const languages: SupportedLocale[] = ['nl', 'en'];

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
