import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProfileId } from '../src/types.js';
import { FAULTS, type Fault } from './fault-proxy.js';
import { startReferenceServer } from '../../../test-support/reference-server.mjs';
import { startOpenIdProvider, type TestOpenIdProvider } from '../../server/test/helpers/openid-provider.js';
import { PROTOCOL_CASES } from './protocol-faults.js';
import { signedInPeople, type PeopleTokens } from './people.js';
import { failures, result, runAgainst, sharedReferenceServer, type ReferenceServer } from './support.js';

interface Case {
  fault: Fault;
  check: string;
  profiles: ProfileId[];
}

/** Broken backends caught within the core profile: they share one reference server. */
const CORE_CASES: Case[] = [
  { fault: 'set-cookie', check: 'WRA-SEC-01', profiles: ['core'] },
  { fault: 'drop-api-version', check: 'WRA-RESP-03', profiles: ['core'] },
  { fault: 'no-nosniff', check: 'WRA-SEC-02', profiles: ['core'] },
  { fault: 'bad-request-as-500', check: 'WRA-ERR-02', profiles: ['core'] },
  { fault: 'bad-request-as-200', check: 'WRA-ERR-02', profiles: ['core'] },
  { fault: 'receipt-in-header', check: 'WRA-SEC-08', profiles: ['core'] },
  { fault: 'ignore-idempotency-key', check: 'WRA-IDEMP-01', profiles: ['core'] },
  { fault: 'plain-json-errors', check: 'WRA-ERR-01', profiles: ['core'] },
  { fault: 'stack-trace', check: 'WRA-SEC-07', profiles: ['core'] },
  { fault: 'cacheable-personal-data', check: 'WRA-SEC-04', profiles: ['core'] },
  { fault: 'extra-response-field', check: 'WRA-RESP-04', profiles: ['core'] },
  { fault: 'cors-any-origin', check: 'WRA-SEC-06', profiles: ['core'] },
  { fault: 'late-acknowledge-deadline', check: 'WRA-DL-01', profiles: ['core'] },
  { fault: 'hidden-capability', check: 'WRA-DISC-02', profiles: ['core'] },
];

/** Broken backends that need follow-up (receipt guessing is rate limited per client) or a clean case count: a fresh server each. */
const ISOLATED_CASES: Case[] = [
  { fault: 'receipt-oracle', check: 'WRA-FU-03', profiles: ['core', 'follow-up'] },
  { fault: 'no-rate-limit', check: 'WRA-FU-04', profiles: ['core', 'follow-up'] },
  { fault: 'racy-guess-limit', check: 'WRA-FU-09', profiles: ['core', 'follow-up'] },
  { fault: 'stores-rejected-reports', check: 'WRA-ERR-09', profiles: ['core', 'case-management'] },
  { fault: 'category-in-webhook', check: 'WRA-NOTE-02', profiles: ['core', 'case-management'] },
  { fault: 'drops-change-events', check: 'WRA-NOTE-03', profiles: ['core', 'case-management'] },
];

/** Broken audit trails, retention and case work (contract 1.1) and dilemmas (1.2): they share one reference server. */
const AUDIT_CASES: Case[] = [
  { fault: 'audit-entry-changed', check: 'WRA-AUD-02', profiles: ['audit'] },
  { fault: 'audit-entry-removed', check: 'WRA-AUD-02', profiles: ['audit'] },
  { fault: 'audit-history-rewritten', check: 'WRA-AUD-04', profiles: ['audit'] },
  { fault: 'legal-hold-ignored', check: 'WRA-RET-01', profiles: ['retention'] },
  { fault: 'late-delete-date', check: 'WRA-RET-02', profiles: ['retention'] },
  { fault: 'note-shown-to-reporter', check: 'WRA-CW-01', profiles: ['case-workflow'] },
  { fault: 'publishes-raw-submission', check: 'WRA-DIL-04', profiles: ['dilemmas'] },
];

/** Broken backends caught by the access and statistics profiles: one server with a signed-in handler and auditor (real passkeys). */
const ACCESS_CASES: Case[] = [
  { fault: 'lists-excluded-cases', check: 'WRA-ACC-03', profiles: ['access'] },
  { fault: 'auditor-reads-content', check: 'WRA-ACC-04', profiles: ['access'] },
  { fault: 'audit-list-to-anyone', check: 'WRA-ACC-05', profiles: ['access'] },
  { fault: 'statistics-small-cell', check: 'WRA-STAT-02', profiles: ['statistics'] },
];

/** Broken OpenID sign-in: a reference server configured with a real OpenID provider (the server tests' own). */
const OIDC_CASES: Case[] = [{ fault: 'oidc-without-pkce', check: 'WRA-ACC-06', profiles: ['access'] }];

function assertCaught(report: Awaited<ReturnType<typeof runAgainst>>, check: string): void {
  const caught = result(report, check);
  assert.equal(caught.outcome, 'failed', `${check} was ${caught.outcome}: ${caught.reason}\nall failures:\n${failures(report)}`);
  assert.notEqual(caught.reason, '', 'a failure says why');
  assert.equal(report.conforms, false);
}

describe('a broken backend', () => {
  it('has a test case for every fault the proxy can inject', () => {
    // The protocols profile's faults are run in protocols.test.ts.
    const tested = [...CORE_CASES, ...ISOLATED_CASES, ...AUDIT_CASES, ...ACCESS_CASES, ...OIDC_CASES, ...PROTOCOL_CASES].map((entry) => entry.fault);
    assert.deepEqual([...tested, 'no-language-fallback'].sort(), Object.keys(FAULTS).sort());
  });

  describe('caught by the core profile', () => {
    let shared: Awaited<ReturnType<typeof sharedReferenceServer>>;
    let server: ReferenceServer;
    before(async () => {
      shared = await sharedReferenceServer();
      server = shared.server;
    });
    after(() => shared.stop());

    it('is not what fails: without a fault, the proxied reference server passes core', async () => {
      const report = await runAgainst(undefined, { profiles: ['core'] }, server);
      assert.equal(failures(report), '');
      assert.equal(report.conforms, true);
    });

    for (const { fault, check, profiles } of CORE_CASES) {
      it(`that ${FAULTS[fault]} fails ${check}`, async () => {
        assertCaught(await runAgainst(fault, { profiles }, server), check);
      });
    }

    it(`that ${FAULTS['no-language-fallback']} gets a warning (a SHOULD), and still conforms`, async () => {
      const report = await runAgainst('no-language-fallback', { profiles: ['core'] }, server);
      const fallback = result(report, 'WRA-CONT-04');
      assert.equal(fallback.severity, 'SHOULD');
      assert.equal(fallback.outcome, 'warning', fallback.reason);
      assert.equal(report.summary.warning, 1);
      assert.equal(report.conforms, true, failures(report));
    });
  });

  describe('caught by the audit, retention, case-workflow and dilemmas profiles', () => {
    let shared: Awaited<ReturnType<typeof sharedReferenceServer>>;
    before(async () => {
      shared = await sharedReferenceServer();
    });
    after(() => shared.stop());

    for (const { fault, check, profiles } of AUDIT_CASES) {
      it(`that ${FAULTS[fault]} fails ${check}`, async () => {
        assertCaught(await runAgainst(fault, { profiles }, shared.server), check);
      });
    }

    it('a rewritten history verifies on its own: only the head kept from the earlier export shows it', async () => {
      const report = await runAgainst('audit-history-rewritten', { profiles: ['audit'] }, shared.server);
      assert.equal(result(report, 'WRA-AUD-02').outcome, 'passed', result(report, 'WRA-AUD-02').reason);
    });
  });

  // That the reference server passes every profile unproxied is tested in reference-server.test.ts.
  describe('caught by an optional profile', () => {
    for (const { fault, check, profiles } of ISOLATED_CASES) {
      it(`that ${FAULTS[fault]} fails ${check}`, async () => {
        assertCaught(await runAgainst(fault, { profiles }), check);
      });
    }
  });

  describe('caught by the access and statistics profiles', () => {
    let shared: Awaited<ReturnType<typeof sharedReferenceServer>>;
    let people: PeopleTokens;
    before(async () => {
      shared = await sharedReferenceServer();
      people = await signedInPeople(shared.server);
    });
    after(() => shared.stop());

    it('is not what fails: without a fault, the proxied reference server passes access, every check tested', async () => {
      const report = await runAgainst(undefined, { profiles: ['access'], ...people }, shared.server);
      for (const id of ['WRA-ACC-01', 'WRA-ACC-02', 'WRA-ACC-03', 'WRA-ACC-04']) assert.equal(result(report, id).outcome, 'passed', `${id}: ${result(report, id).reason}`);
      assert.equal(report.conforms, true, failures(report));
    });

    it('is not what fails: without a fault, the proxied reference server passes statistics, every check tested', async () => {
      const report = await runAgainst(undefined, { profiles: ['statistics'], ...people }, shared.server);
      for (const id of ['WRA-STAT-01', 'WRA-STAT-02', 'WRA-STAT-03', 'WRA-STAT-04']) assert.equal(result(report, id).outcome, 'passed', `${id}: ${result(report, id).reason}`);
      assert.equal(report.conforms, true, failures(report));
    });

    for (const { fault, check, profiles } of ACCESS_CASES) {
      it(`that ${FAULTS[fault]} fails ${check}`, async () => {
        assertCaught(await runAgainst(fault, { profiles, ...people }, shared.server), check);
      });
    }
  });

  describe('caught where OpenID sign-in is offered', () => {
    let provider: TestOpenIdProvider;
    let server: ReferenceServer;
    before(async () => {
      provider = await startOpenIdProvider();
      server = await startReferenceServer({ encryption: true, env: provider.serverEnv() });
    });
    after(async () => {
      await server?.stop();
      await provider?.stop();
    });

    it('is not what fails: without a fault, the reference server passes WRA-ACC-06', async () => {
      const check = result(await runAgainst(undefined, { profiles: ['access'] }, server), 'WRA-ACC-06');
      assert.equal(check.outcome, 'passed', check.reason);
    });

    for (const { fault, check, profiles } of OIDC_CASES) {
      it(`that ${FAULTS[fault]} fails ${check}`, async () => {
        assertCaught(await runAgainst(fault, { profiles }, server), check);
      });
    }
  });
});
