import { clientPerApi } from '../base/content-client.js';

/**
 * The dilemmas client (`@weerbaar/sdk/dilemmas`) for an `api` URL, loaded when the cards render and
 * shared by every dilemma element on the page that names the same URL (one discovery request).
 */
export const dilemmaClientFor = clientPerApi((baseUrl) => import('@weerbaar/sdk/dilemmas').then(({ createDilemmaClient }) => createDilemmaClient({ baseUrl })));
