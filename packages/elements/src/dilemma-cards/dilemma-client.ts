import { clientPerApi } from '../base/content-client.js';

/**
 * The dilemmas client (`@weerbaar/sdk/dilemmas`) for an `api` URL, loaded when the cards render and
 * shared by every dilemma element on the page that names the same URL (one discovery request).
 */
export const dilemmaClientFor = clientPerApi((baseUrl) => loadDilemmaSdk().then(({ createDilemmaClient }) => createDilemmaClient({ baseUrl })));

/** The SDK's dilemmas entry, loaded on demand: the one place the dilemma elements import it (also gives the share form the SDK's error classes). */
export function loadDilemmaSdk(): Promise<typeof import('@weerbaar/sdk/dilemmas')> {
  return import('@weerbaar/sdk/dilemmas');
}
