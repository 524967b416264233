// Idempotency-Key semantics (IETF httpapi-idempotency-key-header) as the contract states them.
import { isDeepStrictEqual } from 'node:util';
import type { ConformanceModule, ReportReceipt, RunContext } from '../context.js';

const REPLAY = 'WRA-IDEMP-01';
const KEY_REUSED = 'WRA-IDEMP-02';
const CONCURRENT = 'WRA-IDEMP-03';

async function replay(context: RunContext): Promise<void> {
  const { record } = context;
  const before = await context.caseCount();
  const key = context.newIdempotencyKey();
  const { body, marker } = await context.reportBody();
  const first = await context.submit(body, key, marker);
  if (first.status !== 201) {
    record.skip(REPLAY, `the first submission answered ${first.status}, so there was nothing to replay`);
    record.skip(KEY_REUSED, `the first submission answered ${first.status}, so there was no key to reuse`);
    return;
  }
  const again = await context.submit(body, key, marker);
  const original = first.json as ReportReceipt;
  const replayed = again.json as ReportReceipt | undefined;
  const header = again.headers.get('idempotent-replayed');
  if (again.status !== 201) record.fail(REPLAY, `the replay answered ${again.status}, not 201`, context.evidence(again));
  else if (replayed?.receipt !== original.receipt) record.fail(REPLAY, 'the replay answered another receipt: the backend created a second report', context.evidence(again));
  else if (!isDeepStrictEqual(replayed, original)) record.fail(REPLAY, 'the replay answered a different body than the original', context.evidence(again));
  else if (header !== 'true') record.fail(REPLAY, `the replay has Idempotent-Replayed: ${header ?? '(absent)'}, not true`, context.evidence(again));
  else record.pass(REPLAY, 'the replay answered the same receipt and body with Idempotent-Replayed: true');

  const other = await context.reportBody();
  const reused = await context.submit(other.body, key, other.marker);
  const code = (reused.json as { code?: unknown } | undefined)?.code;
  record.expect(
    KEY_REUSED,
    reused.status === 422 && code === 'idempotency-key-reused',
    `the same key with another body answered ${reused.status}${code ? ` (${String(code)})` : ''}, not 422 idempotency-key-reused`,
    context.evidence(reused),
    'the same key with another body answers 422 idempotency-key-reused',
  );

  const after = await context.caseCount();
  if (before !== undefined && after !== undefined) {
    record.expect(REPLAY, after === before + 1, `one submission, one replay and one reused key left ${after - before} new cases, not 1`, undefined);
  }
}

async function concurrent(context: RunContext): Promise<void> {
  const { record } = context;
  const count = context.settings.concurrentDuplicates;
  const before = await context.caseCount();
  const key = context.newIdempotencyKey();
  const { body, marker } = await context.reportBody();
  const answers = await Promise.all(Array.from({ length: count }, () => context.submit(body, key, marker)));
  const unexpected = answers.find((answer) => answer.status !== 201 && answer.status !== 409);
  const receipts = new Set(answers.filter((answer) => answer.status === 201).map((answer) => (answer.json as ReportReceipt | undefined)?.receipt));
  if (unexpected) record.fail(CONCURRENT, `a concurrent duplicate answered ${unexpected.status}, not 201 or 409`, context.evidence(unexpected));
  else if (receipts.size !== 1) record.fail(CONCURRENT, `${count} concurrent duplicates got ${receipts.size} different receipts`, context.evidence(answers.at(-1)!));
  else record.pass(CONCURRENT, `${count} concurrent duplicates answered one receipt (or 409 while in progress)`);

  const after = await context.caseCount();
  if (before !== undefined && after !== undefined) {
    record.expect(CONCURRENT, after === before + 1, `${count} concurrent duplicates created ${after - before} cases, not 1`, undefined, `${count} concurrent duplicates created exactly one case (read back)`);
  }
}

export const idempotencyModule: ConformanceModule = {
  id: 'idempotency',
  profile: 'core',
  title: 'Idempotent submission',
  checks: [
    {
      id: REPLAY,
      title: 'Replaying a submission with the same key and body answers the original result (same receipt, Idempotent-Replayed: true) and creates nothing.',
      requirement: 'info.description "Idempotency"',
      severity: 'MUST',
    },
    {
      id: KEY_REUSED,
      title: 'The same Idempotency-Key with another body answers 422 (idempotency-key-reused).',
      requirement: 'info.description "Idempotency"; components.responses.UnprocessableContent',
      severity: 'MUST',
    },
    {
      id: CONCURRENT,
      title: 'Concurrent duplicates with one key create one report.',
      requirement: 'info.description "Idempotency"; components.responses.IdempotencyConflict',
      severity: 'MUST',
    },
  ],
  run: async (context) => {
    await replay(context);
    await concurrent(context);
  },
};
