import type { WeerbaarClient } from '@weerbaar/sdk';

export type { WeerbaarClient };

/**
 * The SDK module, loaded on demand. The one place the elements import it, so pages that never
 * need a backend never download it; also gives lazy code the SDK's error classes.
 */
export function loadSdk(): Promise<typeof import('@weerbaar/sdk')> {
  return import('@weerbaar/sdk');
}

const clients = new Map<string, Promise<WeerbaarClient>>();

/**
 * The client for an `api` URL, shared by every element on the page that names the same URL, so
 * that they share one discovery request and one content cache. The SDK is imported only here and
 * only when an element has an `api` attribute: pages with inline content never load it.
 */
export function clientFor(api: string): Promise<WeerbaarClient> {
  const baseUrl = new URL(api, document.baseURI).href.replace(/\/$/, '');
  let client = clients.get(baseUrl);
  if (!client) {
    client = loadSdk().then(({ createClient }) => createClient({ baseUrl }));
    // A failed load (offline, a blocked chunk) must not poison later attempts.
    client.catch(() => clients.delete(baseUrl));
    clients.set(baseUrl, client);
  }
  return client;
}
