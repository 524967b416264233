// Localised, cacheable content for the elements.
import type { OperationId, Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';

const LOCALISED = 'WRA-CONT-01';
const REVALIDATION = 'WRA-CONT-02';
const EMERGENCY_FIRST = 'WRA-CONT-03';
const FALLBACK = 'WRA-CONT-04';

const CONTENT_OPERATIONS: OperationId[] = ['getNorms', 'getSignalChecklist', 'getSupportContacts', 'getReportForm'];

async function run(context: RunContext): Promise<void> {
  const { record, discovery } = context;
  const locales = discovery ? [...new Set([discovery.locales.default, ...discovery.locales.available.filter((locale) => locale === 'en')])] : ['nl'];

  for (const operationId of CONTENT_OPERATIONS) {
    for (const lang of locales) {
      const exchange = await context.client.send({ operationId, query: { lang } });
      const language = exchange.headers.get('content-language');
      const bodyLocale = (exchange.json as { locale?: unknown } | undefined)?.locale;
      record.expect(
        LOCALISED,
        exchange.status === 200 && language === lang && bodyLocale === lang,
        `${exchange.method} ${exchange.target} answered ${exchange.status} with Content-Language ${language ?? '(absent)'} and locale ${String(bodyLocale)}`,
        context.evidence(exchange),
        `the content operations answer in each advertised language (${locales.join(', ')})`,
      );
      const etag = exchange.headers.get('etag');
      if (exchange.status !== 200 || !etag) continue;
      const again = await context.client.send({ operationId, query: { lang }, headers: { 'If-None-Match': etag } });
      record.expect(
        REVALIDATION,
        again.status === 304,
        `${again.method} ${again.target} with If-None-Match: ${etag} answered ${again.status}, not 304`,
        context.evidence(again),
        'an unchanged resource answers 304 to If-None-Match with its ETag',
      );
    }
  }

  const fallback = await context.client.send({ operationId: 'getNorms', query: { lang: 'zz' } });
  const defaultLocale = discovery?.locales.default;
  record.expect(
    FALLBACK,
    fallback.status === 200 && fallback.headers.get('content-language') === defaultLocale,
    `GET /norms?lang=zz answered ${fallback.status} with Content-Language ${fallback.headers.get('content-language') ?? '(absent)'}, not the default ${String(defaultLocale)}`,
    context.evidence(fallback),
    'an unsupported language falls back to the default language',
  );

  await checkEmergencyEntries(context);
}

async function checkEmergencyEntries(context: RunContext): Promise<void> {
  const { record } = context;
  const all = await context.client.send({ operationId: 'getSupportContacts' });
  const items = (all.json as Schema<'SupportDirectory'> | undefined)?.items ?? [];
  const emergencyIds = items.filter((item) => item.urgency === 'emergency').map((item) => item.id);
  if (all.status !== 200 || emergencyIds.length === 0) {
    record.skip(EMERGENCY_FIRST, 'the support directory has no emergency entry to check');
    return;
  }
  const firstNonEmergency = items.findIndex((item) => item.urgency !== 'emergency');
  const emergencyAfter = firstNonEmergency >= 0 && items.slice(firstNonEmergency).some((item) => item.urgency === 'emergency');
  record.expect(EMERGENCY_FIRST, !emergencyAfter, 'an emergency entry comes after a non-emergency entry', context.evidence(all));

  const filters: Record<string, string>[] = [{ q: 'zzqqxx-conformance-no-match' }, { role: 'council-member', available247: 'false' }, { urgency: 'routine' }];
  for (const query of filters) {
    const filtered = await context.client.send({ operationId: 'getSupportContacts', query });
    const ids = ((filtered.json as Schema<'SupportDirectory'> | undefined)?.items ?? []).map((item) => item.id);
    const lost = emergencyIds.filter((id) => !ids.includes(id));
    record.expect(
      EMERGENCY_FIRST,
      filtered.status === 200 && lost.length === 0 && ids.slice(0, emergencyIds.length).every((id) => emergencyIds.includes(id)),
      `${filtered.method} ${filtered.target} answered ${filtered.status} and ${lost.length ? `dropped the emergency entries ${lost.join(', ')}` : 'did not put the emergency entries first'}`,
      context.evidence(filtered),
      'emergency entries come first and survive every filter',
    );
  }
}

export const contentModule: ConformanceModule = {
  id: 'content',
  profile: 'core',
  title: 'Localised, cacheable content',
  checks: [
    {
      id: LOCALISED,
      title: 'Norms, signal checklist, support contacts and report form answer in each advertised language, with Content-Language.',
      requirement: 'components.parameters.Lang; components.headers.ContentLanguage',
      severity: 'MUST',
    },
    {
      id: REVALIDATION,
      title: 'Content answers carry an ETag, and If-None-Match with it answers 304.',
      requirement: 'components.parameters.IfNoneMatch; components.responses.NotModified',
      severity: 'MUST',
    },
    {
      id: EMERGENCY_FIRST,
      title: 'Emergency support entries come first and are never removed by a filter.',
      requirement: 'paths./support-contacts.get.description',
      severity: 'MUST',
    },
    {
      id: FALLBACK,
      title: 'An unsupported language falls back to the default language, which Content-Language names.',
      requirement: 'components.parameters.Lang',
      severity: 'SHOULD',
    },
  ],
  run,
};
