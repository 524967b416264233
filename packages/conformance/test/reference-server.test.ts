import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runConformance } from '../src/index.js';
import { signedInPeople } from './people.js';
import { failures, result, runAgainst, withReferenceServer } from './support.js';

describe('the reference server', () => {
  it('passes every check of every profile, with encryption, a handler token, signed-in people and its webhooks', async () => {
    await withReferenceServer(async (server) => {
      const people = await signedInPeople(server);
      const report = await runConformance({ baseUrl: server.apiUrl, handlerToken: server.handlerToken, ...people, maxGuessAttempts: 40, webhookReceiver: server.webhookReceiver });
      assert.deepEqual(
        report.profiles.filter((profile) => !profile.tested),
        [],
        'every profile is advertised and tested',
      );
      assert.equal(failures(report), '', 'no check fails or warns');
      assert.equal(report.conforms, true);
      const skipped = report.results.filter((candidate) => candidate.outcome === 'skipped').map((candidate) => candidate.id);
      // Only the checks for absent capabilities and for backends that require encryption do not apply
      // (OpenID sign-in, WRA-ACC-06, needs an OpenID provider: broken-backends.test.ts runs one), and
      // WRA-PRO-10's overdue case: no task is past due on a fresh backend and the kit has no clock to
      // move (protocols.test.ts makes one overdue and proves the check passes and catches its fault).
      assert.deepEqual(skipped, ['WRA-DISC-02', 'WRA-ENC-05', 'WRA-PRO-10', 'WRA-ACC-06']);
      assert.ok(report.summary.passed >= 60, `${report.summary.passed} checks passed`);
    });
  });

  it('passes every check when it requires encryption, sealing everything the kit sends', async () => {
    await withReferenceServer(
      async (server) => {
        const report = await runConformance({ baseUrl: server.apiUrl, handlerToken: server.handlerToken, maxGuessAttempts: 40 });
        assert.equal(failures(report), '');
        assert.equal(result(report, 'WRA-ENC-05').outcome, 'passed');
        assert.equal(result(report, 'WRA-ATT-02').outcome, 'skipped');
        assert.equal(report.conforms, true);
      },
      { env: { WEERBAAR_ENCRYPTION_REQUIRED: 'true' } },
    );
  });

  it('without a handler token, skips case management and says read-back checks are limited', async () => {
    await withReferenceServer(async (server) => {
      const report = await runConformance({ baseUrl: server.apiUrl, profiles: ['core', 'case-management'] });
      assert.deepEqual(report.profiles.find((profile) => profile.id === 'case-management'), { id: 'case-management', tested: false, reason: 'needs --handler-token' });
      assert.equal(result(report, 'WRA-CM-01').outcome, 'skipped');
      assert.equal(result(report, 'WRA-ERR-09').outcome, 'skipped');
      assert.match(result(report, 'WRA-ERR-09').reason, /^limited/);
      assert.equal(result(report, 'WRA-IDEMP-01').outcome, 'passed');
      assert.equal(report.conforms, true, failures(report));
    });
  });

  it('tests only core when follow-up and case management are switched off, and finds their operations answer 404', async () => {
    await withReferenceServer(
      async (server) => {
        const report = await runConformance({ baseUrl: server.apiUrl, handlerToken: server.handlerToken });
        assert.deepEqual(
          report.profiles.filter((profile) => profile.tested).map((profile) => profile.id),
          ['core', 'encryption'],
        );
        assert.equal(result(report, 'WRA-DISC-02').outcome, 'passed', result(report, 'WRA-DISC-02').reason);
        assert.equal(result(report, 'WRA-FU-01').outcome, 'skipped');
        assert.match(result(report, 'WRA-FU-01').reason, /does not advertise capabilities\.followUp/);
        assert.equal(report.conforms, true, failures(report));
      },
      { env: { WEERBAAR_FOLLOW_UP: 'false', WEERBAAR_CASE_MANAGEMENT: 'false' } },
    );
  });

  it('passes core with the smallest request limit the contract allows (an overlong text may then be refused as too large)', async () => {
    await withReferenceServer(
      async (server) => {
        const report = await runConformance({ baseUrl: server.apiUrl, handlerToken: server.handlerToken, profiles: ['core'] });
        assert.equal(failures(report), '');
        assert.equal(report.conforms, true);
      },
      { env: { WEERBAAR_MAX_REQUEST_BYTES: '16384' } },
    );
  });

  it('skips the encryption profile when the backend does not advertise it', async () => {
    await withReferenceServer(
      async (server) => {
        const report = await runConformance({ baseUrl: server.apiUrl, handlerToken: server.handlerToken, profiles: ['core', 'encryption'] });
        const encryption = report.profiles.find((profile) => profile.id === 'encryption');
        assert.equal(encryption?.tested, false);
        assert.match(encryption?.reason ?? '', /does not advertise capabilities\.encryption/);
        assert.equal(result(report, 'WRA-ENC-02').outcome, 'skipped');
        assert.equal(report.conforms, true, failures(report));
      },
      { encryption: false },
    );
  });

  it('keeps receipts and tokens out of the evidence of a report', async () => {
    // A backend that echoes the receipt in a header makes the kit keep that answer as evidence.
    const report = await runAgainst('receipt-in-header', { profiles: ['core', 'follow-up'] });
    const leak = result(report, 'WRA-SEC-08');
    assert.equal(leak.outcome, 'failed');
    assert.ok(leak.evidence.length > 0, 'the failure carries evidence');
    assert.match(leak.evidence[0]!.response, /x-receipt: \[redacted\]/);
    const text = JSON.stringify(report);
    assert.doesNotMatch(text, /[0-9A-Z]{4}(-[0-9A-Z]{4}){4}/, 'no receipt anywhere in the report');
    assert.doesNotMatch(text, /wbh_|wbf_[A-Za-z0-9]{20}/, 'no handler or follow-up token in the report');
  });
});
