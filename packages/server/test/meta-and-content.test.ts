import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { API_VERSION, openapiDocument } from '@weerbaar/spec';
import { parse as parseYaml } from 'yaml';
import { startTestServer, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('the contract and discovery', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ handlerToken: false });
  });
  after(() => t.server.stop());

  it('serves the OpenAPI document as JSON and YAML to any origin', async () => {
    const json = await t.api.call('getOpenApiJson', { headers: { Origin: 'https://elders.example' } });
    assert.equal(json.status, 200);
    assert.deepEqual(json.body, JSON.parse(JSON.stringify(openapiDocument)));
    assert.equal(json.headers.get('access-control-allow-origin'), '*');
    const yaml = await t.api.call('getOpenApiYaml', { headers: { Origin: 'https://elders.example' } });
    assert.match(yaml.headers.get('content-type') ?? '', /^application\/yaml/);
    assert.deepEqual(parseYaml(yaml.body), json.body);
    assert.equal(yaml.headers.get('access-control-allow-origin'), '*');
  });

  it('advertises follow-up, attachments, case management and its hosted report page by default, and no encryption without a key', async () => {
    const response = await t.api.call('getDiscovery');
    assert.equal(response.body.apiVersion, API_VERSION);
    assert.equal(response.headers.get('api-version'), API_VERSION);
    assert.deepEqual(Object.keys(response.body.capabilities).sort(), ['attachments', 'caseManagement', 'dilemmas', 'followUp', 'hostedReportPage']);
    assert.deepEqual(response.body.deadlines, {
      acknowledgeWithinDays: 7,
      feedbackWithinMonths: 3,
      legalBasis: 'EU Directive 2019/1937 art. 9; Wet bescherming klokkenluiders',
    });
    assert.equal(response.body.links.externalChannels[0].name, 'Huis voor Klokkenluiders');
    assert.match(response.headers.get('cache-control') ?? '', /public/);
  });

  for (const operationId of ['getDiscovery', 'getOpenApiJson', 'getOpenApiYaml'] as const) {
    it(`${operationId} carries an ETag and answers 304 without a body when If-None-Match names it, as the contract documents`, async () => {
      const first = await t.api.call(operationId);
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^"[^"]+"$/, 'a strong ETag');
      const again = await t.api.call(operationId, { headers: { 'If-None-Match': etag! } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('content-length') ?? '0', '0');
      assert.equal((await t.api.call(operationId, { headers: { 'If-None-Match': '"stale"' } })).status, 200);
    });
  }

  it('answers a URL that cannot be decoded with a 400 problem carrying the usual headers', async () => {
    const response = await fetch(`${t.server.apiUrl}/cases/%ZZ`);
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(response.headers.get('api-version'), API_VERSION);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('answers an unknown path with a 404 problem', async () => {
    const response = await fetch(`${t.server.apiUrl}/nothing-here`);
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await response.json()) as { status: number }).status, 404);
  });
});

describe('content', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ handlerToken: false });
  });
  after(() => t.server.stop());

  for (const operationId of ['getNorms', 'getSignalChecklist', 'getSupportContacts', 'getReportForm'] as const) {
    it(`${operationId} answers in Dutch by default and in English on request, with ETag and Vary`, async () => {
      const dutch = await t.api.call(operationId);
      assert.equal(dutch.status, 200);
      assert.equal(dutch.body.locale, 'nl');
      assert.equal(dutch.headers.get('content-language'), 'nl');
      assert.match(dutch.headers.get('vary') ?? '', /Accept-Language/);
      const english = await t.api.call(operationId, { headers: { 'Accept-Language': 'en-US,en;q=0.9,nl;q=0.5' } });
      assert.equal(english.body.locale, 'en');
      const byQuery = await t.api.call(operationId, { query: { lang: 'en' }, headers: { 'Accept-Language': 'nl' } });
      assert.equal(byQuery.body.locale, 'en', 'lang wins over Accept-Language');
      const fallback = await t.api.call(operationId, { query: { lang: 'fy' } });
      assert.equal(fallback.headers.get('content-language'), 'nl', 'an unsupported language falls back to the default');
      assert.notEqual(english.headers.get('etag'), dutch.headers.get('etag'));
    });
  }

  it('answers 304 when If-None-Match carries the current ETag', async () => {
    const first = await t.api.call('getNorms');
    const again = await t.api.call('getNorms', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    const changed = await t.api.call('getNorms', { headers: { 'If-None-Match': '"something-else"' } });
    assert.equal(changed.status, 200);
  });

  it('refuses an invalid lang with 400', async () => {
    const response = await t.api.call('getNorms', { query: { lang: 'nederlands' } });
    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].pointer, 'query:lang');
  });

  it('marks the default signal checklist for review and covers threats, bribery, infiltration and undue pressure', async () => {
    const response = await t.api.call('getSignalChecklist');
    assert.equal(response.body.review.status, 'draft-for-review');
    const categories = response.body.themes.map((theme: { category: string }) => theme.category);
    assert.deepEqual(categories, ['threat-intimidation', 'bribery', 'infiltration', 'undue-pressure']);
  });

  it('points the default checklist signals to dilemma themes that have published cards, the same in both languages', async () => {
    type Checklist = { themes: { signals: { id: string; dilemmaTheme?: string }[] }[] };
    const dilemmaThemes = async (lang: string) =>
      ((await t.api.call('getSignalChecklist', { query: { lang } })).body as Checklist).themes.flatMap((theme) => theme.signals.map((signal) => [signal.id, signal.dilemmaTheme]));
    const dutch = await dilemmaThemes('nl');
    assert.deepEqual(await dilemmaThemes('en'), dutch);
    const linked = new Set(dutch.map(([, theme]) => theme).filter((theme) => theme !== undefined));
    assert.deepEqual([...linked].sort(), ['gifts-and-hospitality', 'information-requests', 'permit-pressure', 'side-jobs', 'threats']);
    for (const theme of linked) {
      const cards = await t.api.call('getDilemmaCards', { query: { theme } });
      assert.ok(cards.body.items.length > 0, `no published card on ${theme}`);
    }
  });

  it('offers the report form with four roles, five categories and the privacy-statement consent', async () => {
    const form = (await t.api.call('getReportForm')).body;
    assert.equal(form.roles.length, 4);
    assert.equal(form.categories.length, 5);
    assert.ok(form.consents.some((consent: { id: string }) => consent.id === 'privacy-statement'));
  });

  describe('the support directory', () => {
    it('lists only verified entries, each with its source and verifiedOn, emergency first', async () => {
      const items = (await t.api.call('getSupportContacts')).body.items as { urgency: string; source: { url: string }; verifiedOn: string; phone?: { number: string } }[];
      assert.equal(items[0]!.urgency, 'emergency');
      assert.equal(items[0]!.phone!.number, '112');
      assert.ok(items.every((item) => item.verifiedOn === '2026-11-28' && item.source.url.startsWith('https://')));
      const numbers = items.flatMap((item) => (item.phone ? [item.phone.number] : [])).sort();
      assert.deepEqual(numbers, ['0703738314', '08007000', '0881331000', '09000101', '09008844', '112'].sort());
    });

    it('keeps the emergency entry whatever the filters, even when nothing else matches', async () => {
      const none = await t.api.call('getSupportContacts', { query: { q: 'bestaat-niet' } });
      assert.deepEqual(none.body.items.map((item: { id: string }) => item.id), ['alarmnummer-112']);
      const councils = await t.api.call('getSupportContacts', { query: { role: 'council-member', available247: 'true' } });
      assert.deepEqual(councils.body.items.map((item: { id: string }) => item.id), ['alarmnummer-112', 'ondersteuningsteam-weerbaar-bestuur']);
      const routine = await t.api.call('getSupportContacts', { query: { urgency: 'routine', q: 'klokkenluiders' } });
      assert.deepEqual(routine.body.items.map((item: { id: string }) => item.id), ['alarmnummer-112', 'huis-voor-klokkenluiders']);
    });

    it('searches keywords as well as texts, whatever the case and accents, every word', async () => {
      const ids = async (q: string, lang = 'nl') => (await t.api.call('getSupportContacts', { query: { q, lang } })).body.items.map((item: { id: string }) => item.id);
      assert.deepEqual(await ids('omkoping'), ['alarmnummer-112', 'politie-geen-spoed', 'meld-misdaad-anoniem', 'huis-voor-klokkenluiders', 'riec-liec']);
      assert.deepEqual(await ids('RAADSLID geintimideerd'), ['alarmnummer-112', 'ondersteuningsteam-weerbaar-bestuur', 'nvvr-vertrouwenspersoon']);
      assert.deepEqual(await ids('integrity', 'en'), ['alarmnummer-112', 'nvvr-vertrouwenspersoon', 'wethoudersvereniging-vertrouwenspersonen', 'huis-voor-klokkenluiders']);
    });

    it('refuses unknown filter values with 400', async () => {
      const response = await t.api.call('getSupportContacts', { query: { role: 'mayor', available247: 'yes' } });
      assert.equal(response.status, 400);
      assert.deepEqual(response.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['query:available247', 'query:role']);
    });
  });
});

describe('a content file that does not match the contract', () => {
  it('stops the server at start-up with a message naming the wrong field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weerbaar-content-'));
    try {
      const file = join(dir, 'content.json');
      await writeFile(file, JSON.stringify({ locales: { default: 'nl', available: ['nl'] }, norms: { nl: [{ id: 'Not Kebab' }] } }));
      const child = spawn(process.execPath, [cli, 'serve'], {
        env: { ...process.env, PORT: '0', WEERBAAR_DATA_DIR: join(dir, 'data'), WEERBAAR_CONTENT_FILE: file },
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(code, 1);
      assert.match(output, /does not match the contract/);
      assert.match(output, /norms\/nl\/items\/0\/id/);
      assert.doesNotMatch(output, /listening on/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
