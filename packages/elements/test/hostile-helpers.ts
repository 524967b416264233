// Checks of the elements against a compromised backend (test-support/hostile-backend.mjs): what
// the backend sent stays text, nothing it sent ran, and no link it sent is active unless safe.
import { expect } from '@open-wc/testing';
import { deepElements, deepText } from './browser-helpers.js';
// @ts-expect-error -- a virtual module served by test-support/wtr-hostile-backend.mjs
import { hostileOrigin } from '/__weerbaar/hostile-env.js';
import { breakerNames, htmlPayloads, safeLinks } from '../../../test-support/hostile-content.mjs';

export const backendOrigin = hostileOrigin as string;
export type BackendKind = 'hostile' | 'hostile-enums' | 'huge';
export const apiOf = (kind: BackendKind): string => `${backendOrigin}/${kind}/v1`;
export const brokenApi = (variant: string, operationId: string): string => `${backendOrigin}/broken/${variant}/${operationId}/v1`;
/** An API base where `operationId` answers with an RFC 9457 problem of that status and code. */
export const problemApi = (status: number, code: string, operationId: string): string => `${backendOrigin}/problem/${status}/${code}/${operationId}/v1`;
export { breakerNames, htmlPayloads, safeLinks };

type TripwireWindow = Window & { tripwireCalls?: string[]; weerbaarTripwire?: (label: string) => void };

/** Defines the function every payload calls; returns the list its calls go to. */
export function installTripwire(win: Window = window): string[] {
  const target = win as TripwireWindow;
  target.tripwireCalls ??= [];
  target.weerbaarTripwire ??= (label: string) => target.tripwireCalls!.push(label);
  return target.tripwireCalls;
}

// Elements none of ours renders, which markup from the backend would create.
const foreignTags = new Set(['IMG', 'SCRIPT', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'MATH', 'META', 'BASE', 'FRAME', 'VIDEO', 'AUDIO', 'TABLE', 'MGLYPH']);
const linkProtocols = new Set(['https:', 'tel:', 'mailto:', 'blob:']);

/**
 * Nothing the backend sent became markup or ran: no payload called the tripwire, no element of a
 * kind a payload holds exists, no element carries an event-handler attribute, and every link is
 * https, tel, mailto, the receipt's own calendar Blob or a same-page fragment.
 */
export function expectInert(host: Element, tripwire: readonly string[]): void {
  expect([...tripwire], 'payloads that ran').to.deep.equal([]);
  const elements = deepElements(host);
  expect(elements.length, 'nothing rendered').to.be.greaterThan(0);
  const foreign = elements.filter((element) => foreignTags.has(element.tagName.toUpperCase()) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml');
  expect(foreign.map((element) => element.outerHTML.slice(0, 80)), 'elements created from backend strings').to.deep.equal([]);
  const handlers = elements.flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on')).map((name) => `${element.tagName} ${name}`));
  expect(handlers, 'event-handler attributes').to.deep.equal([]);
  const links = elements.filter((element): element is HTMLAnchorElement => element.tagName === 'A' && element.hasAttribute('href'));
  const active = links.filter((link) => !link.getAttribute('href')!.startsWith('#') && !linkProtocols.has(link.protocol));
  expect(active.map((link) => link.getAttribute('href')), 'links with a hostile scheme').to.deep.equal([]);
  for (const element of elements.filter((candidate) => candidate.hasAttribute('src') || candidate.hasAttribute('srcdoc'))) {
    expect.fail(`${element.tagName} has a src from somewhere`);
  }
}

/** Every payload is on screen as the literal text it was sent as. */
export function expectPayloadsAsText(host: Element): void {
  const text = deepText(host);
  for (const payload of htmlPayloads) expect(text, 'a payload is not shown as text').to.include(payload.replace(/\s+/g, ' '));
}
