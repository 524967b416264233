// A deliberately non-conforming backend for the kit's own tests: an HTTP proxy in front of the
// reference server that breaks exactly one thing, so that a test can assert the kit notices.
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Schema } from '@weerbaar/spec';
import { expectedHash, ZERO_HASH } from '../src/audit-chain.js';

export const FAULTS = {
  'set-cookie': 'sets a cookie on every answer',
  'drop-api-version': 'drops the API-Version header',
  'bad-request-as-500': 'answers 500 where the backend rejected input with 400',
  'bad-request-as-200': 'answers 200 where the backend rejected input with 400 (accepts invalid input)',
  'receipt-in-header': 'echoes the receipt in a response header',
  'ignore-idempotency-key': 'ignores the Idempotency-Key (every retry creates a second report)',
  'plain-json-errors': 'answers errors as plain application/json instead of a problem',
  'stack-trace': 'leaks a stack trace in error details',
  'receipt-oracle': 'tells in a wrong-receipt answer which part of the receipt was wrong',
  'no-rate-limit': 'never rate-limits guessing (turns 429 into 401)',
  'racy-guess-limit': 'checks the guessing limit before counting (the first burst of guesses over the limit all get 401)',
  'no-nosniff': 'drops X-Content-Type-Options',
  'stores-rejected-reports': 'answers 400 to an invalid report but stores a report anyway',
  'hidden-capability': 'hides case management from discovery but still serves it',
  'cacheable-personal-data': 'lets personal data be cached (Cache-Control: private, max-age=600)',
  'extra-response-field': 'adds an undocumented field to every JSON answer',
  'cors-any-origin': 'answers every origin with Access-Control-Allow-Origin: *',
  'late-acknowledge-deadline': 'answers an acknowledgeDueAt one day later than the law allows',
  'no-language-fallback': 'claims an unsupported language instead of falling back to the default',
  'audit-entry-changed': "changes a detail of an entry in every audit export (without its hash)",
  'audit-entry-removed': 'leaves the second entry out of every audit export',
  'audit-history-rewritten': 'rewrites a case trail after its first export: drops an entry and hashes the chain anew',
  'legal-hold-ignored': 'answers every legal hold as not held',
  'late-delete-date': 'promises to delete closed cases a year later than its advertised retention period',
  'note-shown-to-reporter': "shows the handlers' internal notes to the reporter, as messages in the follow-up view",
  'lists-excluded-cases': 'lists every case to every signed-in person, excluded or not (no access filter on GET /cases)',
  'auditor-reads-content': 'answers GET /cases/{caseId} to any signed-in person, auditors included (no role or access check)',
  'category-in-webhook': "puts the report's category in its webhook event (signed, as a backend would)",
  'audit-list-to-anyone': 'answers GET /audit/entries to anyone with a valid token, handlers included (no role check)',
  'oidc-without-pkce': 'starts an OpenID sign-in without PKCE (no code_challenge in the authorization address)',
  'drops-change-events': 'advertises the acknowledged, feedback-given and closed events but never sends them',
  'hidden-step-shown': "shows the reporter the protocol's hidden steps beside the visible ones in follow-up",
  'due-date-ignored': 'makes every task due a year after the protocol says',
  'affected-by-name': 'names an affected person in the case answer instead of a role',
  'check-in-dropped': "drops the reporter's first aftercare check-in",
  'check-in-dates-dropped': "leaves the check-in days out of the report's receipt",
  'identity-in-hand-over': "puts the reporter's identity into a RIEC hand-over package without their consent",
  'no-action-left-open': 'leaves a case open after a no-action hand-over (the handler must close it separately)',
  'relatives-dropped': "leaves relativesAffected out of the reporter's follow-up",
  'follow-up-check-in-days-dropped': "leaves the check-in days out of the reporter's follow-up (the receipt still has them)",
  'overdue-not-listed': 'says in the case list that no case has an overdue task (overdueTasks 0), while it counts them',
  'statistics-small-cell': 'shows a small count in its statistics instead of suppressing it (the first suppressed cell becomes a count of 3)',
  'publishes-raw-submission': "publishes a dilemma card that still holds the shared dilemma's text (the refusal becomes a published card)",
} as const;

export type Fault = keyof typeof FAULTS;

/** The burst the kit's tests send (their maxGuessAttempts): what 'racy-guess-limit' lets through. */
export const RACY_BURST = 40;

export interface FaultProxy {
  /** The proxied API base (`http://127.0.0.1:PORT/v1`). */
  apiUrl: string;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const { connection: _connection, 'transfer-encoding': _encoding, 'content-length': _length, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
}

/** Rewrites a JSON body (a problem, a receipt, discovery, …); leaves anything else alone. */
function rewriteJson(answer: Answer, change: (body: Record<string, unknown>) => void): void {
  try {
    const body = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    change(body);
    answer.body = Buffer.from(JSON.stringify(body));
  } catch {
    // Not JSON: leave it as it is.
  }
}

/** A chain without `seq`'s entry, renumbered and hashed anew: it verifies on its own. */
function rewrittenTrail(trail: Schema<'AuditExport'>, seq: number): void {
  let previousHash = ZERO_HASH;
  trail.entries = trail.entries
    .filter((entry) => entry.seq !== seq)
    .map((entry, index) => {
      const rewritten = { ...entry, seq: index + 1, previousHash };
      rewritten.hash = expectedHash(rewritten);
      previousHash = rewritten.hash;
      return rewritten;
    });
  trail.entryCount = trail.entries.length;
  trail.headHash = previousHash;
}

/** What the proxy learned from earlier requests: the handler token's Authorization header. */
interface ProxyMemory {
  handlerAuthorization?: string;
  /** The first person's Authorization that asked for the audit list (the kit asks as the auditor first). */
  auditListAuthorization?: string;
}

/** Rewrites the request before it reaches the backend. */
function breakRequest(fault: Fault | undefined, method: string, path: string, headers: OutgoingHttpHeaders, memory: ProxyMemory): void {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
  if (authorization?.startsWith('Bearer wbh_')) memory.handlerAuthorization ??= authorization;
  // A backend without an access check answers a signed-in person as if they were the handler token.
  const asHandler =
    (fault === 'lists-excluded-cases' && method === 'GET' && /\/v1\/cases$/.test(path)) ||
    (fault === 'auditor-reads-content' && method === 'GET' && /\/v1\/cases\/[^/]+$/.test(path));
  if (asHandler && authorization?.startsWith('Bearer wba_') && memory.handlerAuthorization) headers.authorization = memory.handlerAuthorization;
  // Without a role check, anyone's request for the audit list is answered as the auditor's.
  if (fault === 'audit-list-to-anyone' && method === 'GET' && /\/v1\/audit\/entries$/.test(path.split('?')[0]!) && authorization) {
    if (authorization.startsWith('Bearer wba_')) memory.auditListAuthorization ??= authorization;
    if (memory.auditListAuthorization) headers.authorization = memory.auditListAuthorization;
  }
  if (fault === 'ignore-idempotency-key' && method === 'POST' && path.endsWith('/reports') && headers['idempotency-key']) {
    headers['idempotency-key'] = randomUUID();
  }
}

/**
 * Rewrites the backend's answer before it reaches the kit. `exports` counts audit exports per path,
 * for faults that change over time; `notes` keeps notes seen; `racy` how many guesses over the
 * limit are still let through.
 */
function breakAnswer(fault: Fault | undefined, method: string, fullPath: string, requestBody: Buffer, answer: Answer, exports: Map<string, number>, notes: Schema<'CaseNote'>[], racy: { left: number }, hiddenSteps: string[]): void {
  const path = fullPath.split('?')[0]!;
  const auditExport = method === 'GET' && path.endsWith('/audit') && answer.status === 200;
  if (auditExport) exports.set(path, (exports.get(path) ?? 0) + 1);
  switch (fault) {
    case 'set-cookie':
      answer.headers['set-cookie'] = ['weerbaar_session=conformance; Path=/; HttpOnly'];
      break;
    case 'drop-api-version':
      delete answer.headers['api-version'];
      break;
    case 'no-nosniff':
      delete answer.headers['x-content-type-options'];
      break;
    case 'bad-request-as-500':
      if (answer.status === 400) answer.status = 500;
      break;
    case 'bad-request-as-200':
      if (answer.status === 400) answer.status = 200;
      break;
    case 'receipt-in-header':
      if (method === 'POST' && path.endsWith('/reports') && answer.status === 201) {
        answer.headers['x-receipt'] = (JSON.parse(answer.body.toString('utf8')) as { receipt: string }).receipt;
      }
      break;
    case 'plain-json-errors':
      if (answer.status >= 400) answer.headers['content-type'] = 'application/json; charset=utf-8';
      break;
    case 'stack-trace':
      if (answer.status >= 400) {
        rewriteJson(answer, (problem) => {
          problem.detail = `${String(problem.detail)}\nError: rejected\n    at handler (/srv/weerbaar/src/routes.js:42:13)`;
        });
      }
      break;
    case 'receipt-oracle':
      if (path.endsWith('/follow-up/sessions') && answer.status === 401) {
        const typed = (JSON.parse(requestBody.toString('utf8') || '{}') as { receipt?: string }).receipt ?? '';
        rewriteJson(answer, (problem) => {
          problem.detail = `${String(problem.detail)} (first group ${typed.slice(0, 4)} not found)`;
        });
      }
      break;
    case 'no-rate-limit':
      if (path.endsWith('/follow-up/sessions') && answer.status === 429) {
        answer.status = 401;
        delete answer.headers['retry-after'];
      }
      break;
    case 'racy-guess-limit':
      // What a backend that checks first and counts after the slow receipt hash does to a burst:
      // every guess of it passed the check before any was counted, so none is limited; only the
      // guesses after it are. Emulated by count, not timing, so that a busy machine cannot spread
      // the kit's burst out: the first RACY_BURST guesses over the limit get a 401.
      if (path.endsWith('/follow-up/sessions') && answer.status === 429 && racy.left > 0) {
        racy.left--;
        answer.status = 401;
        delete answer.headers['retry-after'];
      }
      break;
    case 'hidden-capability':
      if (method === 'GET' && path.endsWith('/discovery') && answer.status === 200) {
        rewriteJson(answer, (discovery) => {
          delete (discovery.capabilities as Record<string, unknown>).caseManagement;
        });
      }
      break;
    case 'cacheable-personal-data':
      if (answer.headers['cache-control'] === 'no-store') answer.headers['cache-control'] = 'private, max-age=600';
      break;
    case 'extra-response-field':
      if (answer.status < 300 && String(answer.headers['content-type']).startsWith('application/json')) {
        rewriteJson(answer, (body) => {
          if (!Array.isArray(body)) body.debug = true;
        });
      }
      break;
    case 'cors-any-origin':
      answer.headers['access-control-allow-origin'] = '*';
      break;
    case 'late-acknowledge-deadline':
      if (method === 'POST' && path.endsWith('/reports') && answer.status === 201) {
        rewriteJson(answer, (receipt) => {
          receipt.acknowledgeDueAt = new Date(Date.parse(String(receipt.acknowledgeDueAt)) + 86_400_000).toISOString();
        });
      }
      break;
    case 'no-language-fallback':
      if (/[?&]lang=zz\b/.test(fullPath)) answer.headers['content-language'] = 'zz';
      break;
    case 'audit-entry-changed':
      if (auditExport) {
        rewriteJson(answer, (trail) => {
          const received = (trail as Schema<'AuditExport'>).entries[0]!;
          received.details = { ...received.details, encrypted: !received.details.encrypted };
        });
      }
      break;
    case 'audit-entry-removed':
      if (auditExport) rewriteJson(answer, (trail) => void (trail as Schema<'AuditExport'>).entries.splice(1, 1));
      break;
    case 'audit-history-rewritten':
      if (auditExport && exports.get(path)! > 1) rewriteJson(answer, (trail) => rewrittenTrail(trail as Schema<'AuditExport'>, 2));
      break;
    case 'legal-hold-ignored':
      if (method === 'PUT' && path.endsWith('/legal-hold') && answer.status === 200) rewriteJson(answer, (state) => void (state.legalHold = false));
      break;
    case 'late-delete-date':
      if (method === 'PUT' && path.endsWith('/legal-hold') && answer.status === 200) {
        rewriteJson(answer, (state) => {
          if (typeof state.deleteOn === 'string') state.deleteOn = new Date(Date.parse(state.deleteOn) + 365 * 86_400_000).toISOString().slice(0, 10);
        });
      }
      break;
    case 'note-shown-to-reporter':
      if (method === 'POST' && /\/cases\/[^/]+\/notes$/.test(path) && answer.status === 201) notes.push(JSON.parse(answer.body.toString('utf8')) as Schema<'CaseNote'>);
      if (method === 'GET' && path.endsWith('/follow-up/case') && answer.status === 200) {
        rewriteJson(answer, (view) => {
          const leaked = notes.map((note) => ({ id: `m_${note.noteId.slice(2)}`, from: 'handler', kind: 'message', sentAt: note.createdAt, ...(note.body ? { body: note.body } : { encryptedBody: note.encryptedBody }) }));
          (view.messages as unknown[]).push(...leaked);
        });
      }
      break;
    case 'oidc-without-pkce':
      if (method === 'POST' && path.endsWith('/sign-in/oidc/authorizations') && answer.status === 201) {
        rewriteJson(answer, (started) => {
          const address = new URL(String(started.authorizationUrl));
          address.searchParams.delete('code_challenge');
          address.searchParams.delete('code_challenge_method');
          started.authorizationUrl = address.toString();
        });
      }
      break;
    case 'hidden-step-shown':
      if (method === 'GET' && /\/cases\/[^/]+\/tasks$/.test(path) && answer.status === 200) {
        hiddenSteps.push(...(JSON.parse(answer.body.toString('utf8')) as Schema<'TaskList'>).items.filter((task) => !task.visibleToReporter).map((task) => task.title));
      }
      if (method === 'GET' && path.endsWith('/follow-up/case') && answer.status === 200) {
        rewriteJson(answer, (view) => {
          (view.steps as unknown[]).push(...hiddenSteps.map((title) => ({ title, done: true, doneAt: new Date().toISOString() })));
        });
      }
      break;
    case 'due-date-ignored':
      if (method === 'GET' && /\/cases\/[^/]+\/tasks$/.test(path) && answer.status === 200) {
        rewriteJson(answer, (list) => {
          for (const task of list.items as { dueAt: string }[]) task.dueAt = new Date(Date.parse(task.dueAt) + 365 * 86_400_000).toISOString();
        });
      }
      break;
    case 'affected-by-name':
      if (method === 'GET' && /\/cases\/[^/]+$/.test(path) && answer.status === 200) {
        rewriteJson(answer, (found) => {
          found.affectedPeople = ['self', 'J. de Vries'];
        });
      }
      break;
    case 'check-in-dates-dropped':
      if (method === 'POST' && path.endsWith('/reports') && answer.status === 201) {
        rewriteJson(answer, (receipt) => {
          delete receipt.checkInDays;
        });
      }
      break;
    case 'identity-in-hand-over':
      // The package as it is made (POST) and read back (GET one); the list holds no identity field.
      if ((method === 'POST' ? /\/cases\/[^/]+\/hand-overs$/ : /\/cases\/[^/]+\/hand-overs\/[^/]+$/).test(path) && (answer.status === 200 || answer.status === 201)) {
        rewriteJson(answer, (handedOver) => {
          handedOver.reporter = { role: 'council-member', name: 'Melder zonder toestemming' };
        });
      }
      break;
    case 'no-action-left-open':
      if (method === 'GET' && /\/cases\/[^/]+$/.test(path) && answer.status === 200) {
        rewriteJson(answer, (found) => {
          if (found.outcome !== 'no-action-needed') return;
          found.status = 'acknowledged';
          delete found.outcome;
        });
      }
      break;
    case 'relatives-dropped':
      if (method === 'GET' && path.endsWith('/follow-up/case') && answer.status === 200) rewriteJson(answer, (view) => void delete view.relativesAffected);
      break;
    case 'follow-up-check-in-days-dropped':
      if (method === 'GET' && path.endsWith('/follow-up/case') && answer.status === 200) rewriteJson(answer, (view) => void delete view.checkInDays);
      break;
    case 'overdue-not-listed':
      if (method === 'GET' && path.endsWith('/cases') && answer.status === 200) {
        rewriteJson(answer, (list) => {
          for (const item of list.items as { overdueTasks?: number }[]) item.overdueTasks = 0;
        });
      }
      break;
    case 'check-in-dropped':
      if (method === 'GET' && path.endsWith('/follow-up/check-ins') && answer.status === 200) {
        rewriteJson(answer, (list) => {
          (list.items as unknown[]).shift();
        });
      }
      break;
    case 'statistics-small-cell':
      if (method === 'GET' && path.endsWith('/statistics') && answer.status === 200) {
        rewriteJson(answer, (statistics) => {
          const cells = [statistics.received, ...(statistics.byCategory as { received: unknown }[]).map((row) => row.received)] as { suppressed: boolean; count?: number }[];
          const hidden = cells.find((cell) => cell.suppressed);
          if (hidden) Object.assign(hidden, { suppressed: false, count: 3 });
        });
      }
      break;
    case 'publishes-raw-submission':
      if (method === 'PUT' && path.endsWith('/publication') && answer.status === 409) {
        const cardId = decodeURIComponent(path.split('/').at(-2) ?? '');
        const now = new Date().toISOString();
        const text = { language: 'nl', roles: ['council-member'], theme: 'gifts-and-hospitality', title: 'Gepubliceerd', situation: 'Gepubliceerd zoals gedeeld.', questions: ['Wat doet u?'] };
        Object.assign(answer, { status: 200, body: Buffer.from(JSON.stringify({ cardId, status: 'published', createdAt: now, updatedAt: now, publishedAt: now, text })) });
        answer.headers['content-type'] = 'application/json; charset=utf-8';
      }
      break;
    case 'stores-rejected-reports':
    case 'lists-excluded-cases':
    case 'auditor-reads-content':
    case 'audit-list-to-anyone':
    case undefined:
      break;
  }
}

/** Sends one request to the backend and buffers its answer. */
export function forward(target: URL, method: string, path: string, headers: OutgoingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const upstream = request({ host: target.hostname, port: target.port, method, path, headers: { ...headers, host: target.host, 'content-length': String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: withoutHopByHop(response.headers), body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** A valid report the 'stores-rejected-reports' fault stores behind the kit's back. */
const SMUGGLED_REPORT = JSON.stringify({ role: 'other', category: 'other', content: { description: 'Opgeslagen ondanks een 400.' } });

/** Starts a proxy on 127.0.0.1:0 in front of `targetOrigin` that applies `fault` (or none). */
export async function startFaultProxy(targetOrigin: string, fault?: Fault): Promise<FaultProxy> {
  const target = new URL(targetOrigin);
  const exports = new Map<string, number>();
  const notes: Schema<'CaseNote'>[] = [];
  const hiddenSteps: string[] = [];
  const memory: ProxyMemory = {};
  const racy = { left: RACY_BURST };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks);
      const method = incoming.method ?? 'GET';
      const path = (incoming.url ?? '/').split('?')[0]!;
      const headers = withoutHopByHop(incoming.headers);
      // The proxy rewrites bodies: it asks the backend for them uncompressed.
      delete headers['accept-encoding'];
      breakRequest(fault, method, path, headers, memory);
      try {
        const answer = await forward(target, method, incoming.url ?? '/', headers, body);
        if (fault === 'stores-rejected-reports' && method === 'POST' && path.endsWith('/reports') && answer.status === 400) {
          const smuggled = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
          await forward(target, 'POST', incoming.url ?? '/', smuggled, Buffer.from(SMUGGLED_REPORT));
        }
        breakAnswer(fault, method, incoming.url ?? '/', body, answer, exports, notes, racy, hiddenSteps);
        outgoing.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        outgoing.end(answer.body);
      } catch {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
