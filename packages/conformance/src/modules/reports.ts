// Submitting reports: the golden valid reports are accepted and answered with a receipt.
import type { ConformanceModule, RunContext } from '../context.js';

const ACCEPTED = 'WRA-REP-01';
const RECEIPT_STRENGTH = 'WRA-REP-02';
const INITIAL_STATE = 'WRA-REP-03';

const PLAIN_FIXTURES = ['submitReport/valid/plain-report', 'submitReport/valid/multiple-choice-answer', 'submitReport/valid/unicode-description'];

/** Crockford base32 carries 5 bits per character: 80 bits need 16 characters. */
const MIN_RECEIPT_CHARACTERS = 16;

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const own = await context.newReport();
  const first = context.client.exchanges.at(-1)!;
  record.expect(ACCEPTED, own !== undefined, `a minimal anonymous report answered ${first.status}, not 201`, context.evidence(first));

  if (context.discovery?.capabilities.encryption?.required) {
    record.pass(ACCEPTED, 'a sealed minimal report was accepted (the backend requires encryption, so plain fixtures are not sent)');
  } else {
    for (const name of PLAIN_FIXTURES) {
      const fixture = context.fixture(name);
      const exchange = await context.submit(fixture.body);
      record.expect(
        ACCEPTED,
        exchange.status === 201,
        `the golden report "${fixture.description}" answered ${exchange.status}, not 201`,
        context.evidence(exchange),
        `the golden valid reports (${PLAIN_FIXTURES.length + 1}) are accepted with 201 and a receipt`,
      );
    }
  }

  const receipts = context.reports.map((report) => report.receipt.receipt);
  if (receipts.length === 0) return;
  const weak = receipts.filter((receipt) => receipt.replace(/[^0-9A-Za-z]/g, '').length < MIN_RECEIPT_CHARACTERS);
  record.expect(
    RECEIPT_STRENGTH,
    weak.length === 0 && new Set(receipts).size === receipts.length,
    weak.length > 0 ? `a receipt has fewer than ${MIN_RECEIPT_CHARACTERS} base32 characters (80 bits)` : 'two reports got the same receipt',
    undefined,
    `${receipts.length} receipts, all distinct, each with at least ${MIN_RECEIPT_CHARACTERS} base32 characters`,
  );

  const followUpAdvertised = context.discovery?.capabilities.followUp !== undefined;
  for (const report of context.reports) {
    record.expect(
      INITIAL_STATE,
      report.receipt.status === 'received' && report.receipt.followUp.available === followUpAdvertised,
      `a new report is "${report.receipt.status}" with followUp.available ${String(report.receipt.followUp.available)} (discovery ${followUpAdvertised ? 'advertises' : 'does not advertise'} follow-up)`,
      undefined,
      'a new report is "received", and followUp.available matches discovery',
    );
  }
}

export const reportsModule: ConformanceModule = {
  id: 'reports',
  profile: 'core',
  title: 'Submitting a report',
  checks: [
    {
      id: ACCEPTED,
      title: 'The golden valid reports are accepted with 201 and a receipt.',
      requirement: 'paths./reports.post; fixtures submitReport/valid',
      severity: 'MUST',
    },
    {
      id: RECEIPT_STRENGTH,
      title: 'Receipts are distinct and carry at least 80 bits (16 base32 characters).',
      requirement: 'info.description "Receipts"',
      severity: 'MUST',
    },
    {
      id: INITIAL_STATE,
      title: 'A new report is "received", and followUp.available says whether follow-up is offered.',
      requirement: 'components.schemas.ReportReceipt',
      severity: 'MUST',
    },
  ],
  run,
};
