// People in tests: invited with the real CLI, enrolled and signed in with a real passkey
// (PasskeyDevice: Chromium's virtual authenticator), over the real API.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ReferenceServer } from '../../../../test-support/reference-server.mjs';
import { DATABASE_FILE } from '../../src/storage/sqlite-store.js';
import type { ContractClient } from './contract-client.js';
import type { PasskeyDevice } from './passkey-device.js';
import type { DatabaseLocation } from './read-only-database.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);

export interface Invitation {
  accountId: string;
  code: string;
  url: string;
  stdout: string;
}

/** `weerbaar-server handler invite` against the server's data; the printed account, code and address. */
export async function inviteWithCli(server: ReferenceServer, name: string, roles: string[], groups: string[] = [], more: string[] = []): Promise<Invitation> {
  const args = ['handler', 'invite', '--name', name, ...roles.flatMap((role) => ['--role', role]), ...groups.flatMap((group) => ['--group', group]), ...more];
  const stdout = await runCli(server, args);
  const url = /^(http\S+#uitnodiging=(\S+))$/m.exec(stdout);
  const account = /account (u_[A-Za-z0-9_-]+)/.exec(stdout);
  assert.ok(url && account, `handler invite printed no address: ${stdout}`);
  return { accountId: account[1]!, code: url[2]!, url: url[1]!, stdout };
}

/** Runs `weerbaar-server` with the server's settings; what it printed. */
export async function runCli(server: ReferenceServer, args: string[]): Promise<string> {
  return (await run(process.execPath, [cli, ...args], { env: { ...server.env, WEERBAAR_PUBLIC_URL: localOrigin(server) } })).stdout;
}

/** The server's origin by the host name `localhost` (a relying party id; an IP address is not). */
export function localOrigin(server: ReferenceServer): string {
  return server.origin.replace('127.0.0.1', 'localhost');
}

/** Enrols a passkey on the device with an invitation code; the access token. */
export async function enrol(api: ContractClient, device: PasskeyDevice, code: string): Promise<string> {
  const started = await api.call('startEnrolment', { json: { invitationCode: code } });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const credential = await device.create(started.body.publicKey);
  const finished = await api.call('finishEnrolment', { json: { enrolmentId: started.body.enrolmentId, credential, passkeyName: 'Testlaptop' } });
  assert.equal(finished.status, 201, JSON.stringify(finished.body));
  return finished.body.token as string;
}

/** Signs in with the device's passkey; the whole answer. */
export async function signIn(api: ContractClient, device: PasskeyDevice): Promise<{ status: number; body: any }> {
  const challenge = await api.call('startPasskeySignIn');
  assert.equal(challenge.status, 201, JSON.stringify(challenge.body));
  const credential = await device.get(challenge.body.publicKey);
  return api.call('finishPasskeySignIn', { json: { challengeId: challenge.body.challengeId, credential } });
}

/** Runs one statement on the server's database (to move a stored deadline into the past). */
export async function writeDatabase({ dataDir, databaseUrl }: DatabaseLocation, sql: string): Promise<void> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(join(dataDir, DATABASE_FILE), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}
