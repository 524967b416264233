// Statistics (contract 1.1, `caseManagement.statistics`), read with an auditor's access token: no
// count below the minimum cell count is ever shown, a breakdown never has one suppressed cell alone
// beside a shown total (it could be worked out by subtraction), and the period is the one asked.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';

const ANSWER = 'WRA-STAT-01';
const SMALL_CELLS = 'WRA-STAT-02';
const SUBTRACTION = 'WRA-STAT-03';
const ACCESS = 'WRA-STAT-04';

type Statistics = Schema<'Statistics'>;
type Count = Schema<'StatisticsCount'>;

/** Every count of an answer, with where it is. */
function counts(statistics: Statistics): [string, Count][] {
  return [
    ['received', statistics.received],
    ...statistics.byCategory.map((c): [string, Count] => [`byCategory ${c.category}`, c.received]),
    ...statistics.byRole.map((r): [string, Count] => [`byRole ${r.role}`, r.received]),
    ...statistics.byCategoryAndRole.map((c): [string, Count] => [`byCategoryAndRole ${c.category}/${c.role}`, c.received]),
    ['acknowledgement.cases', statistics.acknowledgement.cases],
    ['feedback.cases', statistics.feedback.cases],
  ];
}

/** Breakdowns whose total is shown but that hold exactly one suppressed cell. */
function loneSuppressed(statistics: Statistics): string[] {
  const lone = (cells: Count[]) => cells.filter((cell) => cell.suppressed).length === 1;
  const found: string[] = [];
  if (!statistics.received.suppressed) {
    if (lone(statistics.byCategory.map((c) => c.received))) found.push('byCategory');
    if (lone(statistics.byRole.map((r) => r.received))) found.push('byRole');
  }
  for (const row of statistics.byCategory.filter((c) => !c.received.suppressed)) {
    const cells = statistics.byCategoryAndRole.filter((cell) => cell.category === row.category).map((cell) => cell.received);
    if (cells.length > 0 && lone(cells)) found.push(`byCategoryAndRole for ${row.category}`);
  }
  return found;
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const period = String(new Date().getUTCFullYear());
  // The profile runs only with an auditor's token (ProfileDefinition.needsAuditorToken).
  const auditor = { Authorization: `Bearer ${context.people.auditorToken ?? ''}` };
  const answer = await context.client.send({ operationId: 'getStatistics', headers: auditor, query: { period } });
  const wrongPeriod = await context.client.send({ operationId: 'getStatistics', headers: auditor, query: { period: `${period}-13` } });
  const anonymous = await context.client.send({ operationId: 'getStatistics', query: { period } });
  record.expect(ACCESS, anonymous.status === 401, `statistics without a token answered ${anonymous.status}, not 401`, context.evidence(anonymous));
  record.expect(ACCESS, wrongPeriod.status === 400, `period ${period}-13 answered ${wrongPeriod.status}, not 400`, context.evidence(wrongPeriod));
  if (context.handlerToken) {
    const handler = await context.client.send({ operationId: 'getStatistics', headers: context.handlerHeaders, query: { period } });
    record.expect(ACCESS, handler.status === 403, `statistics with a handler token answered ${handler.status}, not 403`, context.evidence(handler), 'no token 401, a wrong period 400, a handler token 403');
  }

  const statistics = answer.status === 200 ? (answer.json as Statistics) : undefined;
  const advertised = context.discovery?.capabilities.caseManagement?.statistics?.minimumCellCount;
  if (
    !record.expect(
      ANSWER,
      statistics !== undefined && statistics.period === period && statistics.startsOn === `${period}-01-01` && statistics.endsOn === `${period}-12-31` && statistics.minimumCellCount === advertised,
      statistics ? `the answer is for ${statistics.period} (${statistics.startsOn}…${statistics.endsOn}, minimum ${statistics.minimumCellCount}), not ${period} with the advertised minimum ${advertised}` : `GET /statistics?period=${period} answered ${answer.status}, not 200`,
      context.evidence(answer),
      'the statistics of the year asked, with the advertised minimum cell count',
    )
  ) {
    for (const id of [SMALL_CELLS, SUBTRACTION]) record.skip(id, 'no statistics were answered');
    return;
  }
  const minimum = Math.max(5, advertised ?? 5);
  const small = counts(statistics!).filter(([, count]) => !count.suppressed && (count.count ?? 0) < minimum);
  record.expect(SMALL_CELLS, small.length === 0, `counts under ${minimum} are shown: ${small.map(([where, count]) => `${where} = ${count.count}`).join(', ')}`, context.evidence(answer), `no count under ${minimum} is shown`);
  const lone = loneSuppressed(statistics!);
  record.expect(SUBTRACTION, lone.length === 0, `one suppressed cell beside a shown total (it can be worked out by subtraction): ${lone.join(', ')}`, context.evidence(answer), 'no breakdown has a lone suppressed cell beside a shown total');
}

export const statisticsModule: ConformanceModule = {
  id: 'statistics',
  profile: 'statistics',
  title: 'Statistics without small cells',
  checks: [
    { id: ANSWER, title: 'GET /statistics answers the period asked, with the minimum cell count discovery advertises.', requirement: 'paths./statistics; components.schemas.Statistics', severity: 'MUST' },
    { id: SMALL_CELLS, title: 'No count below the minimum cell count (at least 5) is shown.', requirement: 'info.description "Statistics"', severity: 'MUST' },
    { id: SUBTRACTION, title: 'No breakdown has exactly one suppressed cell beside a shown total.', requirement: 'info.description "Statistics"', severity: 'MUST' },
    { id: ACCESS, title: 'Statistics need an auditor or admin: no token 401, a handler token 403; a wrong period 400.', requirement: 'paths./statistics', severity: 'MUST' },
  ],
  run,
};
