// Signed-in people on a reference server, for the access profile: a handler and an auditor,
// invited with the server's CLI and enrolled with real passkeys in Chromium (virtual authenticator).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PasskeyDevice } from '../../server/test/helpers/passkey-device.js';
import type { ReferenceServer } from './support.js';

const serverCli = fileURLToPath(new URL('../../server/dist/cli.js', import.meta.url));
const run = promisify(execFile);

export interface PeopleTokens {
  personToken: string;
  auditorToken: string;
}

async function post(server: ReferenceServer, path: string, body: unknown): Promise<any> {
  const response = await fetch(`${server.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Invites a person with the CLI and enrols a passkey for them on `device`; their access token. */
async function enrolled(server: ReferenceServer, device: PasskeyDevice, name: string, args: string[]): Promise<string> {
  const origin = server.origin.replace('127.0.0.1', 'localhost');
  const { stdout } = await run(process.execPath, [serverCli, 'handler', 'invite', '--name', name, ...args], { env: { ...server.env, WEERBAAR_PUBLIC_URL: origin } });
  const code = /#uitnodiging=(\S+)/.exec(stdout)![1]!;
  const started = await post(server, '/enrolments/challenges', { invitationCode: code });
  const credential = await device.create(started.publicKey);
  return (await post(server, '/enrolments', { enrolmentId: started.enrolmentId, credential })).token as string;
}

export async function signedInPeople(server: ReferenceServer): Promise<PeopleTokens> {
  const device = await PasskeyDevice.open(server.origin.replace('127.0.0.1', 'localhost'));
  try {
    const personToken = await enrolled(server, device, 'Conformance behandelaar', ['--role', 'handler', '--group', 'griffie']);
    await device.replaceAuthenticator();
    const auditorToken = await enrolled(server, device, 'Conformance auditor', ['--role', 'auditor']);
    return { personToken, auditorToken };
  } finally {
    await device.close();
  }
}
