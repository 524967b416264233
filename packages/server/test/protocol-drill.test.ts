// The protocol drill (issue 16 item 6): `weerbaar-server drill` against the real database of a
// running server, and `POST /protocol-drills` for admins. A synthetic case runs through every step
// of a protocol; a step whose group has no active handler is reported and makes the CLI exit with 2;
// nothing is written but the API's one global audit entry, with counts only.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { officeHoursBetween } from '../src/domain/protocol-drill.js';
import { assertSameDatabase, COUNTER_TABLES, snapshotDatabase } from './helpers/database-snapshot.js';
import { PasskeyDevice } from './helpers/passkey-device.js';
import { enrol, inviteWithCli, localOrigin } from './helpers/people.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);
/** A Friday evening in Amsterdam (18:30 UTC in November), and a Wednesday morning. */
const FRIDAY_EVENING = '2026-11-27T19:30:00+01:00';
const WEDNESDAY_MORNING = '2026-11-25T10:00:00+01:00';

describe('the protocol drill', () => {
  let t: TestServer;
  let device: PasskeyDevice;
  const token: Record<'admin' | 'handler' | 'auditor', string> = { admin: '', handler: '', auditor: '' };

  /** Runs `weerbaar-server drill …` with the server's settings; its exit code and output. */
  async function drill(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, 'drill', ...args], { env: t.server.env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  before(async () => {
    t = await startTestServer();
    device = await PasskeyDevice.open(localOrigin(t.server));
    // The griffie has a handler (with an address for notices); the mayor's office has nobody.
    const handler = await inviteWithCli(t.server, 'Griffiemedewerker', ['handler'], ['griffie', 'integrity-officers'], ['--email', 'griffie@voorbeeldstad.nl']);
    token.handler = await enrol(t.api, device, handler.code);
    const admin = await inviteWithCli(t.server, 'Beheerder', ['admin']);
    await device.replaceAuthenticator();
    token.admin = await enrol(t.api, device, admin.code);
    const auditor = await inviteWithCli(t.server, 'Controleur', ['auditor']);
    await device.replaceAuthenticator();
    token.auditor = await enrol(t.api, device, auditor.code);
  });
  after(async () => {
    await device?.close();
    await t?.server.stop();
  });

  it('drills a protocol whose group can be reached: every step, family step included, exit code 0', async () => {
    const ran = await drill(['--protocol', 'threat-council-member', '--received-at', WEDNESDAY_MORNING, '--json']);
    assert.equal(ran.code, 0, ran.stderr);
    const report = JSON.parse(ran.stdout);
    const [protocol] = report.protocols;
    assert.equal(protocol.protocolId, 'threat-council-member');
    assert.deepEqual(
      protocol.steps.map((step: { stepId: string }) => step.stepId),
      ['report-internally', 'agree-approach', 'aftercare-conversation', 'fixed-contact-person', 'police-report', 'safety-at-home', 'family-support', 'monitoring'],
    );
    assert.ok(protocol.steps.every((step: { reachable: boolean; activeHandlers: number; ownerGroupId: string }) => step.reachable && step.activeHandlers === 1 && step.ownerGroupId === 'griffie'));
    const first = protocol.steps[0];
    assert.deepEqual([first.due, first.dueAt, first.findings, first.result], ['PT0S', '2026-11-25T23:00:00.000Z', [], 'ok'], 'a same-day step on a Wednesday morning has office hours left');
    const family = protocol.steps.find((step: { stepId: string }) => step.stepId === 'family-support');
    assert.deepEqual(family.findings, ['due-before-previous'], 'the family step (P1D) comes after a P3D step in the seeded order');
    assert.deepEqual(report.summary, { protocols: 1, steps: 8, unreachable: 0, warnings: 1, passed: true });
  });

  it('warns about a same-day step of a report arriving on a Friday evening: no office hours before it is due', async () => {
    const ran = await drill(['--protocol', 'threat-council-member', '--received-at', FRIDAY_EVENING, '--json']);
    assert.equal(ran.code, 0, 'warnings alone do not fail the drill');
    const steps = JSON.parse(ran.stdout).protocols[0].steps as { stepId: string; findings: string[] }[];
    const late = steps.filter((step) => step.findings.includes('no-office-hours-before-due')).map((step) => step.stepId);
    // Due at the end of Friday (PT0S) or Saturday (P1D): nobody is at work; P3D is Monday.
    assert.deepEqual(late, ['report-internally', 'agree-approach', 'aftercare-conversation', 'fixed-contact-person', 'family-support']);
  });

  it('reports each step whose group has no active handler, and exits with 2', async () => {
    const ran = await drill(['--protocol', 'threat-administrator', '--received-at', WEDNESDAY_MORNING]);
    assert.equal(ran.code, 2);
    assert.match(ran.stdout, /^threat-administrator — Bedreiging van een burgemeester of wethouder \(draft-for-review\)$/m);
    assert.match(ran.stdout, /^ {2}FAIL report-internally: group mayors-office, 0 active handlers, due PT0S/m);
    assert.match(ran.stdout, /the owner group has no active handler/);
    assert.match(ran.stdout, /notices reach nobody/);
    assert.match(ran.stdout, /FAILED: at least one step has no reachable owner\.$/m);
    const json = JSON.parse((await drill(['--protocol', 'threat-administrator', '--json'])).stdout);
    assert.ok(json.protocols[0].steps.every((step: { result: string; findings: string[] }) => step.result === 'unreachable' && step.findings.includes('no-handler')));
    assert.equal(json.summary.passed, false);
  });

  it('drills every protocol, the new ones included, in English; an unknown protocol is a usage error', async () => {
    const ran = await drill(['--lang', 'en', '--received-at', WEDNESDAY_MORNING, '--json']);
    assert.equal(ran.code, 2, 'the mayor’s office has nobody');
    const report = JSON.parse(ran.stdout);
    const ids = report.protocols.map((protocol: { protocolId: string }) => protocol.protocolId);
    assert.deepEqual(ids, ['threat-council-member', 'threat-administrator', 'threat-official', 'bribery-civil-servant', 'infiltration', 'undue-pressure', 'bribery-office-holder', 'other-signal']);
    assert.equal(report.protocols[0].steps[0].title, 'Report passed on to the griffier and the mayor');
    const infiltration = report.protocols.find((protocol: { protocolId: string }) => protocol.protocolId === 'infiltration');
    assert.ok(infiltration.steps.every((step: { result: string }) => step.result === 'ok'), 'the integrity officers have a handler');
    const unknown = await drill(['--protocol', 'bestaat-niet']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No protocol "bestaat-niet"\. The protocols: threat-council-member, /);
  });

  it('writes nothing to the database', async () => {
    const before = await snapshotDatabase(t.server);
    await drill(['--json']);
    assertSameDatabase(await snapshotDatabase(t.server), before, 'the drill');
  });

  it('answers admins through the API with the same report as the CLI, audited with counts only', async () => {
    const answer = await t.api.call('runProtocolDrill', { token: token.admin, json: { protocolId: 'threat-administrator', receivedAt: WEDNESDAY_MORNING } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const cli = JSON.parse((await drill(['--protocol', 'threat-administrator', '--received-at', WEDNESDAY_MORNING, '--json'])).stdout);
    assert.deepEqual(answer.body, cli);
    const audit = (await t.api.call('listAuditEntries', { token: token.auditor })).body.items.filter((entry: { action: string }) => entry.action === 'protocol-drill-run');
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].details, { protocols: 1, steps: cli.summary.steps, unreachable: cli.summary.steps, warnings: 0 });
    const all = await t.api.call('runProtocolDrill', { token: token.admin, json: {}, headers: { 'Accept-Language': 'en' } });
    assert.equal(all.status, 200);
    assert.equal(all.body.protocols.length, 8);
    assert.equal(all.headers.get('content-language'), 'en');
  });

  it('refuses everyone but admins, an unknown protocol and bad input, and writes nothing then', async () => {
    // Every call with an access token moves its session's idle expiry; nothing else may change.
    const beyondSessions = new RegExp(`${COUNTER_TABLES.source}|sign_in_sessions`, 'i');
    const before = await snapshotDatabase(t.server, beyondSessions);
    for (const who of [token.handler, token.auditor, t.server.handlerToken!]) assert.equal((await t.api.call('runProtocolDrill', { token: who, json: {} })).status, 403);
    assert.equal((await t.api.call('runProtocolDrill', { json: {} })).status, 401);
    assert.equal((await t.api.call('runProtocolDrill', { token: token.admin, json: { protocolId: 'bestaat-niet' } })).status, 404);
    const bad = await t.api.call('runProtocolDrill', { token: token.admin, json: { protocolId: 'threat-administrator', caseId: 'c_4Rk9Qw2Zx7Lm' } });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type')!, /^application\/problem\+json/);
    assertSameDatabase(await snapshotDatabase(t.server, beyondSessions), before, 'refused drills');
  });
});

describe('office hours between two moments', () => {
  it('counts Monday to Friday 9:00 to 17:00 in the time zone, across a weekend and a change to winter time', () => {
    const zone = 'Europe/Amsterdam';
    assert.equal(officeHoursBetween('2026-11-27T18:30:00Z', '2026-11-28T23:00:00Z', zone), false, 'Friday evening to Saturday night');
    assert.equal(officeHoursBetween('2026-11-27T18:30:00Z', '2026-11-30T08:30:00Z', zone), true, 'until Monday 9:30');
    assert.equal(officeHoursBetween('2026-11-30T07:00:00Z', '2026-11-30T07:59:00Z', zone), false, 'Monday before 9:00');
    assert.equal(officeHoursBetween('2026-11-25T15:59:00Z', '2026-11-25T23:00:00Z', zone), true, 'the last minute of a Wednesday');
    assert.equal(officeHoursBetween('2026-10-24T18:00:00Z', '2026-10-26T07:30:00Z', zone), false, 'the weekend winter time starts, until Monday 8:30 (UTC+1)');
  });
});
