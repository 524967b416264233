// A compromised Weerbaar backend for the elements' browser tests: a real HTTP server on
// 127.0.0.1:0 that answers just enough of the contract's routes to drive every element — the
// public content, discovery, a report, a follow-up session and its case, and for the console a
// passkey sign-in (it takes any credential), the case counts and a page of cases — with hostile
// content.
//
// Every answer starts from the contract's own golden fixture (`@weerbaar/spec`), so it keeps the
// contract's field names and nesting; then the text is made hostile. The API base picks the kind:
//
//   /hostile/v1                 every text field holds every HTML/script payload; every URL is
//                               `javascript:`, `data:` or `vbscript:` (plus a few safe links)
//   /hostile-enums/v1           as /hostile, and ids, enums and dates are payloads too
//   /huge/v1                    thousands of items, 100 000-character texts
//   /broken/<variant>/<op>/v1   operation <op> answers with its body broken (see `breakers`);
//                               every other operation answers as /hostile does
//   /problem/<status>/<code>/<op>/v1
//                               operation <op> answers with an RFC 9457 problem of that status
//                               and code (`Retry-After: 0`, so the SDK's retries cost no time);
//                               every other operation answers as /hostile does
//
// Payloads call `weerbaarTripwire(label)`: a browser test defines it and asserts it never ran.
import { createServer } from 'node:http';
import { fixtures } from '@weerbaar/spec';
import { breakerNames, htmlPayloads, hostileUrls, payloadText, safeLinks } from './hostile-content.mjs';


// Fields whose value is an identifier, an enum member, a date or a token: /hostile keeps them as
// the fixture has them, so that the elements' normal paths (advice, filters, steps) run.
const structuralKeys = new Set([
  'id', 'locale', 'variant', 'rel', 'level', 'nextStep', 'urgency', 'audience', 'status', 'type', 'from', 'kind',
  'category', 'categories', 'at', 'sentAt', 'receivedAt', 'acknowledgeDueAt', 'feedbackDueAt', 'acknowledgedAt',
  'verifiedOn', 'expiresAt', 'tokenType', 'token', 'apiVersion', 'suite', 'keyId', 'kty', 'crv', 'x', 'y',
  'mediaTypes', 'mediaType', 'sha256', 'addedAt', 'default', 'available', 'sessionsPath',
]);
const urlKeys = new Set(['href', 'url', 'privacyStatement']);

function fixtureBody(name) {
  const fixture = fixtures.find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`no fixture ${name} in @weerbaar/spec`);
  return structuredClone(fixture.body);
}

/** Every string in `value` rewritten by `rewrite(string, key)`; the structure stays. */
function mapStrings(value, rewrite, key = '') {
  if (typeof value === 'string') return rewrite(value, key);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, mapStrings(item, rewrite, name)]));
  return value;
}

function hostileStrings(value, { enums = false } = {}) {
  let urls = 0;
  return mapStrings(value, (text, key) => {
    if (urlKeys.has(key)) return hostileUrls[urls++ % hostileUrls.length];
    // Ids stay unique (the elements key controls by them) but carry markup too.
    if (enums && key === 'id') return `${text}${payloadText}`;
    if (structuralKeys.has(key)) return enums && key !== 'token' && key !== 'tokenType' ? payloadText : text;
    if (key === 'email' || key === 'number') return `${text}${payloadText}`;
    return `${key}: ${payloadText}`;
  });
}

// The contract's fixtures are small; the hostile answers add the items the elements would
// otherwise never render (a support link, a consent link, every question type, a safe contact).
function contentAnswers() {
  const norms = fixtureBody('getNorms/valid/one-norm');
  norms.items[0].links.push({ rel: 'support', label: 'Hulp', href: 'https://x.example/' }, { rel: 'more', label: 'Meer', href: 'https://x.example/' });

  const checklist = fixtureBody('getSignalChecklist/valid/one-theme');
  const directory = fixtureBody('getSupportContacts/valid/emergency-first');
  // A website and an email address to be made hostile.
  Object.assign(directory.items[1], { url: 'https://x.example/', email: 'hulp@x.example' });
  directory.items.push({
    ...structuredClone(directory.items[1]),
    id: 'veilige-links',
    email: 'hulp@voorbeeldstad.example',
    url: 'https://x.example/',
    source: { url: 'https://x.example/', title: 'Bron' },
  });

  const form = fixtureBody('getReportForm/valid/small-form');
  form.questions.push(
    { id: 'witnesses', label: 'Getuigen', hint: 'Wie zag het?', type: 'multiple-choice', required: false, options: [{ id: 'colleague', label: 'Collega' }, { id: 'other', label: 'Iemand anders' }] },
    { id: 'details', label: 'Details', hint: 'Vertel meer', type: 'textarea', required: false, maxLength: 500 },
  );
  form.consents.push({ id: 'contact-later', text: 'Neem contact op', required: false, link: { href: 'https://x.example/', label: 'Lees meer' } });

  const caseView = fixtureBody('getFollowUpCase/valid/acknowledged-case');
  caseView.messages.push({ ...structuredClone(caseView.messages[0]), id: 'm_2', kind: 'message', body: 'Antwoord' });
  return {
    discovery: fixtureBody('getDiscovery/valid/every-capability'),
    norms,
    checklist,
    directory,
    form,
    receipt: fixtureBody('submitReport/valid/receipt'),
    session: fixtureBody('openFollowUpSession/valid/session'),
    caseView,
    message: structuredClone(caseView.messages[1]),
    signInChallenge: fixtureBody('startPasskeySignIn/valid/challenge'),
    accessGrant: fixtureBody('finishPasskeySignIn/valid/signed-in'),
    caseCounts: fixtureBody('countCases/valid/inbox'),
    casePage: fixtureBody('listCases/valid/cursor-page'),
  };
}

function hostileAnswers({ enums = false } = {}) {
  const answers = hostileStrings(contentAnswers(), { enums });
  // The report must reach the receipt step: no encryption (nothing to seal to), and the follow-up
  // token must be sendable as a header.
  delete answers.discovery.capabilities.encryption;
  answers.receipt.receipt = `${htmlPayloads[0]}-${htmlPayloads[1]}-${htmlPayloads[3]}`;
  // The safe links are added after the rewrite, so they are the only ones that may be active.
  answers.norms.items[0].links.push({ rel: 'more', label: `veilig ${payloadText}`, href: safeLinks.https });
  const safe = answers.directory.items.at(-1);
  Object.assign(safe, { url: safeLinks.https, email: safeLinks.mailto.slice('mailto:'.length), phone: { number: safeLinks.tel.slice('tel:'.length), display: `bel ${payloadText}` } });
  safe.source.url = safeLinks.https;
  // The console must get as far as its inbox: sign-in advertised, cursor paging, the person a handler.
  answers.discovery.capabilities.caseManagement = { signIn: { passkey: { rpId: 'localhost' } }, idleTimeoutSeconds: 900, maxSessionSeconds: 36000, cursorPaging: {} };
  answers.accessGrant.me.account.roles = ['handler'];
  return answers;
}

const longText = `${payloadText} ${'ä'.repeat(100_000)}`;

/** Nested arrays `depth` deep: a parser or renderer that recurses over the answer would overflow. */
function deepValue(depth) {
  return `${'['.repeat(depth)}"${payloadText}"${']'.repeat(depth)}`;
}

function hugeAnswers() {
  const answers = hostileAnswers();
  const times = (count, make) => Array.from({ length: count }, (_, index) => make(index));
  const [norm] = answers.norms.items;
  answers.norms.items = times(1000, (index) => ({ ...norm, id: `norm-${index}`, title: index === 0 ? longText : norm.title, links: index === 0 ? times(200, () => norm.links[0]) : norm.links }));
  const [theme] = answers.checklist.themes;
  answers.checklist.themes = times(50, (themeIndex) => ({
    ...theme,
    id: `theme-${themeIndex}`,
    description: themeIndex === 0 ? longText : theme.description,
    signals: times(40, (index) => ({ ...theme.signals[0], id: `signal-${themeIndex}-${index}` })),
  }));
  const [, contact] = answers.directory.items;
  answers.directory.items = times(2000, (index) => ({ ...contact, id: `contact-${index}`, urgency: index % 100 === 0 ? 'emergency' : contact.urgency, description: index === 1 ? longText : contact.description }));
  // Long lists carry one payload per item (all of them in turn): the full set is in every /hostile string.
  const onePayload = (index) => `${index} ${htmlPayloads[index % htmlPayloads.length]}`;
  answers.form.roles = times(500, (index) => ({ id: index === 0 ? 'civil-servant' : `role-${index}`, label: onePayload(index) }));
  answers.form.categories = times(1000, (index) => ({ id: index === 0 ? 'bribery' : `category-${index}`, label: onePayload(index) }));
  answers.form.anonymity.explanation = longText;
  const [message] = answers.caseView.messages;
  answers.caseView.messages = times(2000, (index) => ({ ...message, id: `m_${index}`, body: index === 0 ? longText : onePayload(index) }));
  answers.caseView.timeline = times(2000, (index) => answers.caseView.timeline[index % answers.caseView.timeline.length]);
  const [summary] = answers.casePage.items;
  answers.casePage.items = times(5000, (index) => ({ ...summary, caseId: `c_${index}`, reference: index === 0 ? longText : onePayload(index) }));
  return answers;
}

/**
 * Ways to break an answer's schema. Each takes the /hostile body and gives the raw response text
 * and its content type. `lit-template` puts where text belongs an object shaped like a Lit
 * TemplateResult whose "strings" hold markup — the one way JSON could try to reach innerHTML.
 */
const breakers = {
  'null-body': () => ['null', 'application/json'],
  'array-body': () => ['[]', 'application/json'],
  'html-body': () => [`<!doctype html>${htmlPayloads[1]}`, 'text/html'],
  'truncated-json': (body) => [JSON.stringify(body).slice(0, 40), 'application/json'],
  'missing-fields': (body) => [JSON.stringify(keepFirstKeys(body)), 'application/json'],
  'wrong-types': (body) => [JSON.stringify(mapStrings(body, () => 12345)), 'application/json'],
  'lit-template': (body) => [JSON.stringify(mapStrings(body, () => ({ _$litType$: 1, strings: [htmlPayloads[0]], values: [] }))), 'application/json'],
  'arrays-as-objects': (body) => [JSON.stringify(mapArrays(body)), 'application/json'],
  // Arrays nested thousands deep where text belongs: a renderer or validator that recursed into
  // the answer would overflow its stack.
  'deep-nesting': (body) => [JSON.stringify(mapStrings(body, () => deepMarker)).replaceAll(JSON.stringify(deepMarker), deepValue(10_000)), 'application/json'],
};

const deepMarker = '\u0000deep\u0000';

/** Every object keeps only its first field: the others, required ones included, are missing. */
function keepFirstKeys(value) {
  if (Array.isArray(value)) return value.map(keepFirstKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).slice(0, 1).map(([name, item]) => [name, keepFirstKeys(item)]));
  return value;
}

/** Every array replaced by an array-like object. */
function mapArrays(value) {
  if (Array.isArray(value)) return { length: value.length, ...value.map(mapArrays) };
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, mapArrays(item)]));
  return value;
}

/** The routes, by the contract's operationId. */
export const routes = [
  { operationId: 'getDiscovery', method: 'GET', path: 'discovery', status: 200, answer: 'discovery' },
  { operationId: 'getNorms', method: 'GET', path: 'norms', status: 200, answer: 'norms' },
  { operationId: 'getSignalChecklist', method: 'GET', path: 'signal-checklist', status: 200, answer: 'checklist' },
  { operationId: 'getSupportContacts', method: 'GET', path: 'support-contacts', status: 200, answer: 'directory' },
  { operationId: 'getReportForm', method: 'GET', path: 'report-form', status: 200, answer: 'form' },
  { operationId: 'submitReport', method: 'POST', path: 'reports', status: 201, answer: 'receipt' },
  { operationId: 'openFollowUpSession', method: 'POST', path: 'follow-up/sessions', status: 201, answer: 'session' },
  { operationId: 'getFollowUpCase', method: 'GET', path: 'follow-up/case', status: 200, answer: 'caseView' },
  { operationId: 'sendFollowUpMessage', method: 'POST', path: 'follow-up/messages', status: 201, answer: 'message' },
  { operationId: 'closeFollowUpSession', method: 'DELETE', path: 'follow-up/sessions/current', status: 204 },
  { operationId: 'startPasskeySignIn', method: 'POST', path: 'sign-in/passkey/challenges', status: 201, answer: 'signInChallenge' },
  { operationId: 'finishPasskeySignIn', method: 'POST', path: 'sign-in/passkey', status: 201, answer: 'accessGrant' },
  { operationId: 'countCases', method: 'GET', path: 'case-counts', status: 200, answer: 'caseCounts' },
  { operationId: 'listCases', method: 'GET', path: 'cases', status: 200, answer: 'casePage' },
  { operationId: 'signOut', method: 'DELETE', path: 'me/session', status: 204 },
];
for (const name of breakerNames) if (!(name in breakers)) throw new Error(`hostile-content.mjs names a breaker ${name} that does not exist`);

const API_BASE = /^\/(?:(hostile|hostile-enums|huge)|broken\/([a-z-]+)\/([A-Za-z]+)|problem\/([45]\d\d)\/([a-z-]+)\/([A-Za-z]+))\/v1\/(.*)$/;

/**
 * @typedef {object} HostileBackend
 * @property {string} origin `http://127.0.0.1:PORT`
 * @property {(kind: 'hostile' | 'hostile-enums' | 'huge') => string} apiUrl an API base of that kind
 * @property {(variant: string, operationId: string) => string} brokenApiUrl an API base where one operation answers broken
 * @property {(status: number, code: string, operationId: string) => string} problemApiUrl an API base where one operation answers with a problem
 * @property {() => string[]} requests `METHOD path` of every request so far (no bodies, no headers)
 * @property {() => Promise<void>} stop
 */

/** @returns {Promise<HostileBackend>} */
export async function startHostileBackend() {
  const bodies = new Map();
  const answersOf = (kind) => {
    if (!bodies.has(kind)) bodies.set(kind, kind === 'huge' ? hugeAnswers() : hostileAnswers({ enums: kind === 'hostile-enums' }));
    return bodies.get(kind);
  };
  /** @type {string[]} */
  const requests = [];

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://backend');
    requests.push(`${request.method} ${pathname}`);
    // Any origin may read these answers: the SDK never sends credentials.
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Idempotency-Key, If-None-Match');
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    if (request.method === 'OPTIONS') return response.writeHead(204).end();
    // The request body is read and dropped: this backend stores nothing.
    request.resume();
    const match = API_BASE.exec(pathname);
    const route = match && routes.find((candidate) => candidate.method === request.method && candidate.path === match[7]);
    if (!match || !route) {
      return response.writeHead(404, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such route.' }));
    }
    const [, kind, variant, brokenOperation, problemStatus, problemCode, problemOperation] = match;
    if (problemOperation === route.operationId) {
      const status = Number(problemStatus);
      const problem = { type: 'about:blank', title: `Problem ${status}`, status, detail: 'Chosen by the test.', code: problemCode };
      return response.writeHead(status, { 'Content-Type': 'application/problem+json', 'Retry-After': '0', 'Cache-Control': 'no-store' }).end(JSON.stringify(problem));
    }
    if (!route.answer) return response.writeHead(route.status).end();
    const body = answersOf(kind ?? 'hostile')[route.answer];
    const breaker = brokenOperation === route.operationId ? breakers[variant] : undefined;
    const [text, type] = breaker ? breaker(structuredClone(body)) : [JSON.stringify(body), 'application/json'];
    response.writeHead(route.status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(text);
  });
  // Idle connections stay open until stop(): the tests build and check huge answers in this same
  // process between requests, and a kept-alive socket closed by the 5 s default under load was
  // reused by fetch just as it closed (ECONNRESET).
  server.keepAliveTimeout = 0;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    apiUrl: (kind) => `${origin}/${kind}/v1`,
    brokenApiUrl: (variant, operationId) => `${origin}/broken/${variant}/${operationId}/v1`,
    problemApiUrl: (status, code, operationId) => `${origin}/problem/${status}/${code}/${operationId}/v1`,
    requests: () => [...requests],
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
