// The same calls with openapi-fetch, the generic typed fetch wrapper a team would otherwise use.
// It sends what it is given: no idempotency key, retries, ETag revalidation, encryption or follow-up session.
import createClient from 'openapi-fetch';

export function reporterCalls(baseUrl, report, receipt) {
  const client = createClient({ baseUrl });
  return Promise.all([
    client.GET('/discovery'),
    client.GET('/norms'),
    client.GET('/signal-checklist'),
    client.GET('/report-form'),
    client.GET('/support-contacts', { params: { query: { role: 'civil-servant' } } }),
    client.POST('/reports', { body: report, headers: { 'Idempotency-Key': crypto.randomUUID() } }),
    client.POST('/follow-up/sessions', { body: { receipt } }),
  ]);
}
