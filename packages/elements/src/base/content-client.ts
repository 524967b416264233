import type { WeerbaarContentClient } from '@weerbaar/sdk/content';

export type { WeerbaarContentClient };

/**
 * One client per API base URL, shared by every element on the page that names the same URL, so
 * that they share one content cache (and the report flow one discovery request).
 */
export function clientPerApi<Client>(create: (baseUrl: string) => Promise<Client>): (api: string) => Promise<Client> {
  const clients = new Map<string, Promise<Client>>();
  return (api) => {
    const baseUrl = new URL(api, document.baseURI).href.replace(/\/$/, '');
    let client = clients.get(baseUrl);
    if (!client) {
      client = create(baseUrl);
      // A failed load (offline, a blocked chunk) must not poison later attempts.
      client.catch(() => clients.delete(baseUrl));
      clients.set(baseUrl, client);
    }
    return client;
  };
}

/**
 * The light content client for an `api` URL (`@weerbaar/sdk/content`: about 1 kB, no ky), which the
 * norm banner, checklist and directory load as soon as they render. Imported only here and only
 * when an element has an `api` attribute: pages with inline content never load it. The full SDK
 * waits for the report button's press (sdk-client.ts).
 */
export const contentClientFor = clientPerApi((baseUrl) => import('@weerbaar/sdk/content').then(({ createContentClient }) => createContentClient({ baseUrl })));
