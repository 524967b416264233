// The reporter's calls a page makes: discovery, the four content documents, submit, follow up.
import { createClient } from '@weerbaar/sdk';

export function reporterCalls(baseUrl, report, receipt) {
  const client = createClient({ baseUrl });
  return Promise.all([
    client.discover(),
    client.getNorms(),
    client.getSignalChecklist(),
    client.getReportForm(),
    client.getSupportContacts({ role: 'civil-servant' }),
    client.submitReport(report),
    client.openFollowUp(receipt),
  ]);
}
