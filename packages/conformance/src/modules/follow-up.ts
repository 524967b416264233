// Following a report with its receipt: sessions, the reporter's view, replies, revocation,
// and guessing, all at once and one after another (which runs last: it rate-limits the kit's own client).
import { randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext, SubmittedReport } from '../context.js';
import { seal, HPKE_SUITE } from '../hpke.js';
import type { Exchange } from '../http.js';
import { rejectInvalidFixtures } from './errors.js';

const SESSION = 'WRA-FU-01';
const TYPED_RECEIPT = 'WRA-FU-02';
const WRONG_RECEIPT = 'WRA-FU-03';
const GUESSING = 'WRA-FU-04';
const REVOCATION = 'WRA-FU-05';
const TOKEN_REQUIRED = 'WRA-FU-06';
const REPLY = 'WRA-FU-07';
const TOKEN_LIFETIME = 'WRA-FU-08';
const GUESSING_BURST = 'WRA-FU-09';

/** Recorded under the core check for content types (WRA-ERR-06). */
const UNSUPPORTED_MEDIA_TYPE = 'WRA-ERR-06';
const MESSAGE_INFO = 'weerbaar/v1 message';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Clock difference allowed between the kit and the backend when judging expiresAt. */
const CLOCK_SKEW_MS = 60_000;

export type FollowUpCase = Schema<'FollowUpCase'>;

function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Ways a person may type a receipt, which the backend must accept (contract: openFollowUpSession). */
export function typedVariants(receipt: string): [string, string][] {
  const lower = receipt.toLowerCase();
  const variants: [string, string][] = [
    ['in lower case with spaces', lower.replace(/-/g, ' ')],
    ['without separators', receipt.replace(/-/g, '')],
    ['with surrounding spaces', `  ${receipt}  `],
  ];
  if (/[01]/.test(receipt)) {
    variants.push(['with O for 0 and I for 1', receipt.replace(/0/g, 'O').replace(/1/g, 'I')]);
    variants.push(['with o for 0 and l for 1, lower case', lower.replace(/0/g, 'o').replace(/1/g, 'l')]);
  }
  return variants;
}

function otherCharacter(character: string): string {
  const index = CROCKFORD.indexOf(character.toUpperCase());
  return CROCKFORD[(index + 1 + randomInt(CROCKFORD.length - 1)) % CROCKFORD.length]!;
}

/** The receipt with the character at `position` (among its alphanumerics) replaced. */
function changeAt(receipt: string, position: number): string {
  let seen = -1;
  return [...receipt].map((character) => (/[0-9A-Z]/.test(character) && ++seen === position ? otherCharacter(character) : character)).join('');
}

export function randomReceipt(): string {
  return Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join('')).join('-');
}

/** What an answer to a wrong receipt shows, minus what is expected to differ per request. */
function visibleAnswer(exchange: Exchange): unknown {
  const { instance: _instance, ...problem } = (exchange.json ?? {}) as Record<string, unknown>;
  return { status: exchange.status, problem, wwwAuthenticate: exchange.headers.get('www-authenticate') };
}

async function replyBody(context: RunContext, text: string): Promise<Record<string, unknown>> {
  const encryption = context.discovery?.capabilities.encryption;
  if (!encryption?.required) return { body: text };
  return { encryptedBody: { keyId: encryption.keyId, suite: HPKE_SUITE, ...(await seal(encryption.publicKey, MESSAGE_INFO, text)) } };
}

export async function readFollowUpCase(context: RunContext, token: string): Promise<{ view?: FollowUpCase; exchange: Exchange }> {
  const exchange = await context.client.send({ operationId: 'getFollowUpCase', headers: bearer(token) });
  return { view: exchange.status === 200 ? (exchange.json as FollowUpCase) : undefined, exchange };
}

async function session(context: RunContext, report: SubmittedReport): Promise<string | undefined> {
  const { record } = context;
  const requestedAt = Date.now();
  const { token, exchange } = await context.openSession(report.receipt.receipt);
  if (!record.expect(SESSION, token !== undefined, `POST /follow-up/sessions with a fresh receipt answered ${exchange.status}, not 201 with a token`, context.evidence(exchange))) {
    return undefined;
  }
  const expiresAt = Date.parse((exchange.json as { expiresAt: string }).expiresAt);
  const ttl = context.discovery?.capabilities.followUp?.sessionTtlSeconds ?? 3600;
  record.expect(
    TOKEN_LIFETIME,
    expiresAt > requestedAt - CLOCK_SKEW_MS && expiresAt <= requestedAt + ttl * 1000 + CLOCK_SKEW_MS,
    `the token expires at ${new Date(expiresAt).toISOString()}, not within the advertised ${ttl} seconds`,
    context.evidence(exchange),
    `tokens expire within the advertised sessionTtlSeconds (${ttl})`,
  );
  const { view, exchange: read } = await readFollowUpCase(context, token!);
  record.expect(
    SESSION,
    view !== undefined &&
      view.status === report.receipt.status &&
      view.receivedAt === report.receipt.receivedAt &&
      view.deadlines.acknowledgeDueAt === report.receipt.acknowledgeDueAt &&
      view.deadlines.feedbackDueAt === report.receipt.feedbackDueAt,
    view ? "the reporter's view does not show the receipt's status, receivedAt and deadlines" : `GET /follow-up/case with the token answered ${read.status}`,
    context.evidence(read),
    "the receipt opens a session whose token shows the reporter's case with the receipt's status and deadlines",
  );
  return token;
}

async function typing(context: RunContext, report: SubmittedReport): Promise<void> {
  for (const [how, typed] of typedVariants(report.receipt.receipt)) {
    const { token, exchange } = await context.openSession(typed);
    context.record.expect(TYPED_RECEIPT, token !== undefined, `the receipt typed ${how} answered ${exchange.status}, not 201`, context.evidence(exchange), 'receipts typed as people type them (case, spaces, separators, O/0, I/L/1) open the session');
  }
}

async function wrongReceipts(context: RunContext, report: SubmittedReport): Promise<void> {
  const receipt = report.receipt.receipt;
  const alphanumerics = receipt.replace(/[^0-9A-Z]/g, '').length;
  const wrong: [string, string][] = [
    ['the first character', changeAt(receipt, 0)],
    ['a middle character', changeAt(receipt, Math.floor(alphanumerics / 2))],
    ['the last character', changeAt(receipt, alphanumerics - 1)],
    ['every character', randomReceipt()],
  ];
  const answers: Exchange[] = [];
  for (const [part, guess] of wrong) {
    const { exchange } = await context.openSession(guess);
    answers.push(exchange);
    context.record.expect(WRONG_RECEIPT, exchange.status === 401, `a receipt wrong in ${part} answered ${exchange.status}, not 401`, context.evidence(exchange));
  }
  const reference = visibleAnswer(answers[0]!);
  const differing = answers.findIndex((answer) => !isDeepStrictEqual(visibleAnswer(answer), reference));
  context.record.expect(
    WRONG_RECEIPT,
    differing < 0,
    `a receipt wrong in ${wrong[differing]?.[0]} got a different answer than one wrong in ${wrong[0]![0]}`,
    differing < 0 ? undefined : context.evidence(answers[differing]!),
    'a wrong receipt answers 401 with the same problem whichever part is wrong',
  );
}

async function tokenRequired(context: RunContext): Promise<void> {
  const attempts: [string, Record<string, string>][] = [
    ['without a token', {}],
    ['with a made-up token', bearer(`wbf_${'A'.repeat(40)}`)],
    ['with a malformed Authorization header', { Authorization: 'Basic Zm9vOmJhcg==' }],
  ];
  for (const [how, headers] of attempts) {
    const read = await context.client.send({ operationId: 'getFollowUpCase', headers });
    context.record.expect(TOKEN_REQUIRED, read.status === 401, `GET /follow-up/case ${how} answered ${read.status}, not 401`, context.evidence(read));
  }
  const reply = await context.client.send({ operationId: 'sendFollowUpMessage', headers: bearer(`wbf_${'B'.repeat(40)}`), json: { body: 'Synthetisch bericht.' } });
  context.record.expect(TOKEN_REQUIRED, reply.status === 401, `POST /follow-up/messages with a made-up token answered ${reply.status}, not 401`, context.evidence(reply));
  const close = await context.client.send({ operationId: 'closeFollowUpSession' });
  context.record.expect(TOKEN_REQUIRED, close.status === 401, `DELETE /follow-up/sessions/current without a token answered ${close.status}, not 401`, context.evidence(close), 'follow-up operations refuse a missing or wrong token with 401');
}

/** The receipt as a form field (as a naive HTML form would post it) is refused, not accepted. */
async function wrongMediaType(context: RunContext, report: SubmittedReport): Promise<void> {
  const exchange = await context.client.send({
    operationId: 'openFollowUpSession',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ receipt: report.receipt.receipt }).toString(),
  });
  context.record.expect(UNSUPPORTED_MEDIA_TYPE, exchange.status === 415, `POST /follow-up/sessions with a form body answered ${exchange.status}, not 415`, context.evidence(exchange));
}

async function reply(context: RunContext, token: string): Promise<void> {
  const text = `Synthetisch antwoord van de conformancetest (${randomInt(1e9)}).`;
  const sent = await context.client.send({ operationId: 'sendFollowUpMessage', headers: bearer(token), json: await replyBody(context, text) });
  if (!context.record.expect(REPLY, sent.status === 201, `POST /follow-up/messages answered ${sent.status}, not 201`, context.evidence(sent))) return;
  const message = sent.json as Schema<'CaseMessage'>;
  const { view, exchange } = await readFollowUpCase(context, token);
  const shown = view?.messages.find((candidate) => candidate.id === message.id);
  context.record.expect(
    REPLY,
    message.from === 'reporter' && shown !== undefined,
    message.from !== 'reporter' ? `the stored reply is from "${message.from}"` : "the reply is not in the reporter's view of the case",
    context.evidence(exchange),
    "the reporter's reply is stored as from the reporter and shown in their view",
  );
}

async function revocation(context: RunContext, token: string): Promise<void> {
  const closed = await context.client.send({ operationId: 'closeFollowUpSession', headers: bearer(token) });
  if (!context.record.expect(REVOCATION, closed.status === 204, `DELETE /follow-up/sessions/current answered ${closed.status}, not 204`, context.evidence(closed))) return;
  const { exchange } = await readFollowUpCase(context, token);
  context.record.expect(REVOCATION, exchange.status === 401, `the revoked token still answered ${exchange.status}`, context.evidence(exchange), 'DELETE /follow-up/sessions/current revokes the token at once');
}

async function run(context: RunContext): Promise<void> {
  const report = await context.newReport();
  if (!report) {
    for (const id of [SESSION, TYPED_RECEIPT, WRONG_RECEIPT, REVOCATION, REPLY, TOKEN_LIFETIME]) context.record.skip(id, 'no report was accepted to follow up');
    await tokenRequired(context);
    return;
  }
  const token = await session(context, report);
  await typing(context, report);
  await wrongReceipts(context, report);
  await tokenRequired(context);
  await rejectInvalidFixtures(context, 'openFollowUpSession', () => ({}));
  await wrongMediaType(context, report);
  if (token) {
    await rejectInvalidFixtures(context, 'sendFollowUpMessage', () => ({ headers: bearer(token) }));
    await reply(context, token);
    await revocation(context, token);
  }
}

/** Checks a 429 to a guess: it must say when to try again. */
function expectRetryAfter(context: RunContext, exchange: Exchange, attempts: string): void {
  const retryAfter = exchange.headers.get('retry-after') ?? '';
  context.record.expect(
    GUESSING,
    /^\d+$/.test(retryAfter) && Number(retryAfter) >= 1,
    `the 429 after ${attempts} has Retry-After "${retryAfter || '(absent)'}", not a number of seconds`,
    context.evidence(exchange),
    `guessing receipts is answered 429 with Retry-After after ${attempts}`,
  );
}

/**
 * Guessing, first all at once and then one after another, within `maxGuessAttempts` each. A
 * backend that checks its limit and only counts a failure later (after the slow receipt hash)
 * lets a whole burst through; one that checks and counts in one step refuses the burst beyond
 * its limit, just as it refuses guesses one after another.
 */
async function guessing(context: RunContext): Promise<void> {
  const attempts = context.settings.maxGuessAttempts;
  const burst = await Promise.all(Array.from({ length: attempts }, () => context.openSession(randomReceipt())));
  const unexpected = burst.find(({ exchange }) => exchange.status !== 401 && exchange.status !== 429);
  if (unexpected) {
    context.record.fail(GUESSING_BURST, `a guess sent in a burst answered ${unexpected.exchange.status}, not 401 or 429`, context.evidence(unexpected.exchange));
    return;
  }
  const limited = burst.find(({ exchange }) => exchange.status === 429);
  if (limited) {
    context.record.pass(GUESSING_BURST, `${burst.filter(({ exchange }) => exchange.status === 401).length} of ${attempts} guesses sent at once were let through, the rest answered 429`);
    expectRetryAfter(context, limited.exchange, `a burst of ${attempts} wrong receipts`);
    return;
  }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { exchange } = await context.openSession(randomReceipt());
    if (exchange.status === 401) continue;
    if (exchange.status !== 429) {
      context.record.fail(GUESSING, `guess ${attempt} answered ${exchange.status}, not 401 or 429`, context.evidence(exchange));
      return;
    }
    context.record.fail(
      GUESSING_BURST,
      `${attempts} wrong receipts sent at once were all answered 401, yet one after another they were refused after ${attempt - 1} more: the limit is checked before failures are counted (or it is above maxGuessAttempts)`,
      context.evidence(exchange),
    );
    expectRetryAfter(context, exchange, `${attempts} + ${attempt} wrong receipts`);
    return;
  }
  const bound = `(configure the bound with maxGuessAttempts)`;
  context.record.fail(GUESSING_BURST, `${attempts} wrong receipts sent at once were all answered 401 ${bound}`);
  context.record.fail(GUESSING, `${attempts} wrong receipts in a row, after the burst, were never answered 429 ${bound}`);
}

const checks: ConformanceModule['checks'] = [
  {
    id: SESSION,
    title: "The receipt (in the body) opens a session whose token shows the reporter's case, with the receipt's deadlines.",
    requirement: 'paths./follow-up/sessions; paths./follow-up/case',
    severity: 'MUST',
  },
  {
    id: TYPED_RECEIPT,
    title: 'A receipt typed as people type it (lower case, spaces, no dashes, O for 0, I or L for 1) works.',
    requirement: 'paths./follow-up/sessions.post.description',
    severity: 'MUST',
  },
  {
    id: WRONG_RECEIPT,
    title: 'A wrong receipt answers 401 with the same answer whichever part of it is wrong.',
    requirement: 'info.description "Receipts"; components.responses.Unauthorized',
    severity: 'MUST',
  },
  {
    id: GUESSING,
    title: 'Guessing receipts is rate limited: 429 with Retry-After within a bounded number of attempts.',
    requirement: 'paths./follow-up/sessions.post.description; components.responses.TooManyRequests',
    severity: 'MUST',
  },
  {
    id: GUESSING_BURST,
    title: 'Guesses sent all at once are limited like guesses one after another: the limit is checked and counted in one step.',
    requirement: 'paths./follow-up/sessions.post.description; components.responses.TooManyRequests',
    severity: 'MUST',
  },
  {
    id: REVOCATION,
    title: 'DELETE /follow-up/sessions/current revokes the token at once.',
    requirement: 'paths./follow-up/sessions/current',
    severity: 'MUST',
  },
  {
    id: TOKEN_REQUIRED,
    title: 'Follow-up operations refuse a missing or wrong token with 401.',
    requirement: 'components.securitySchemes.followUpToken',
    severity: 'MUST',
  },
  {
    id: REPLY,
    title: "The reporter's reply is stored and shown in their view of the case.",
    requirement: 'paths./follow-up/messages',
    severity: 'MUST',
  },
  {
    id: TOKEN_LIFETIME,
    title: 'Follow-up tokens expire within the advertised sessionTtlSeconds.',
    requirement: 'components.securitySchemes.followUpToken; components.schemas.Capabilities.followUp',
    severity: 'MUST',
  },
];

export const followUpModule: ConformanceModule = {
  id: 'follow-up',
  profile: 'follow-up',
  title: 'Following a report with the receipt',
  checks: checks.filter((check) => check.id !== GUESSING && check.id !== GUESSING_BURST),
  run,
};

export const guessingModule: ConformanceModule = {
  id: 'follow-up-guessing',
  profile: 'follow-up',
  title: 'Guessing receipts',
  checks: checks.filter((check) => check.id === GUESSING || check.id === GUESSING_BURST),
  phase: 'late',
  run: guessing,
};
