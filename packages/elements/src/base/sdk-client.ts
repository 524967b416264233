import type { WeerbaarClient } from '@weerbaar/sdk';
import { clientPerApi } from './content-client.js';

export type { WeerbaarClient };

/**
 * The SDK module, loaded on demand. The one place the elements import the full SDK (with ky and
 * encryption), so that it loads only when someone presses the report button; also gives lazy code
 * the SDK's error classes.
 */
export function loadSdk(): Promise<typeof import('@weerbaar/sdk')> {
  return import('@weerbaar/sdk');
}

/**
 * The full client for an `api` URL, for the report flow, shared by every element on the page that
 * names the same URL (one discovery request). Content shown at first load uses the light client
 * (content-client.ts) instead.
 */
export const clientFor = clientPerApi((baseUrl) => loadSdk().then(({ createClient }) => createClient({ baseUrl })));
