// The content a page shows at first load, through the light content client: the three documents.
import { createContentClient } from '@weerbaar/sdk/content';

export function contentCalls(baseUrl) {
  const client = createContentClient({ baseUrl });
  return Promise.all([client.getNorms(), client.getSignalChecklist(), client.getSupportContacts({ role: 'civil-servant' })]);
}
