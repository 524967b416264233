#!/usr/bin/env node
// weerbaar-server: serve the API, manage handler tokens and the encryption key, migrate the database.
import { parseArgs } from 'node:util';
import { SpecValidator } from '@weerbaar/spec/validation';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { ContentCatalogue, ContentError, DEFAULT_CONTENT_FILE } from './content/catalogue.js';
import { DEFAULT_PROTOCOLS_FILE, ProtocolCatalogue } from './content/protocol-catalogue.js';
import { drillNow, drillText, protocolIds } from './domain/protocol-drill.js';
import { generateKeyPair, readPublicKey } from './domain/encryption-key.js';
import { DilemmaStore } from './storage/dilemma-store.js';
import { sqlRunnerFor } from './storage/sql-runner.js';
import { runRetention } from './domain/retention.js';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';
import { InstallationSecret, MissingSecretError } from './security/installation-secret.js';
import { generateToken, hashToken, randomId } from './security/tokens.js';
import { inviteAccount } from './domain/accounts.js';
import { enrolmentUrl } from './domain/invitations.js';
import { ProblemError } from './http/problems.js';
import { startServer } from './server.js';
import type { AccountRole } from './storage/people-store.js';
import { installationSecretPath, loadInstallationSecret, openStorage } from './storage/open-storage.js';
import { handlerTokenActive, type Store } from './storage/store.js';
import { generateWebhookSecret } from './notifications/webhooks.js';

const USAGE = `Usage: weerbaar-server <command>

Commands:
  serve                      Serve the Weerbaar Reporting API (and the demo site when configured)
  token create --name <name> [--expires-at <RFC 3339 time>]
                             Create a handler (integrity officer) token; it is shown once.
                             With --expires-at (e.g. 2027-06-30T17:00:00Z) it is refused from then on
  token list                 List handler tokens: id, name, created, expiry, revoked (never the tokens)
  token revoke <id>          Revoke a handler token at once
  handler invite --name <name> --role <handler|admin|auditor> [--role …] [--group <group id> …] [--email <address>] [--oidc-subject <subject>]
                             Invite a person: prints a single-use enrolment address, valid 24 hours, where
                             they enrol a passkey (the code is in the address's fragment; hand it over in person
                             or by a channel only they read)
  keys generate [--force]    Create the HPKE key pair for end-to-end encryption; the private key is shown once
  secret generate            Create the installation secret (needed before the first start on PostgreSQL;
                             give every instance the same file). Never replaces an existing one
  webhook secret             Print a new webhook signing secret (whsec_…) for WEERBAAR_WEBHOOK_SECRET and the receiver
  migrate                    Apply pending database migrations and exit
  drill [--protocol <id>] [--received-at <RFC 3339 time>] [--lang <nl|en>] [--json]
                             Run a synthetic report through every step of each protocol (nothing is stored)
                             and report per step its owner group, whether it has an active handler and an
                             address for notices, and due times that overrun. Exit code 2 when a step has no
                             reachable owner (see the README, "The protocol drill")
  retention run              Delete the closed cases whose retention period has ended (not those on legal
                             hold) and print how many; safe beside running servers (see the README)
  --version                  Print the version of @weerbaar/server

Configuration comes from environment variables and WEERBAAR_CONFIG (see the README).
WEERBAAR_DATABASE_URL=postgres://… stores everything in PostgreSQL; unset, SQLite in the data directory.`;

async function withStore<T>(config: ServerConfig, work: (store: Store, secret: InstallationSecret) => Promise<T>): Promise<T> {
  const secret = loadInstallationSecret(config);
  const { store } = await openStorage(config);
  try {
    return await work(store, secret);
  } finally {
    await store.close();
  }
}

async function serve(config: ServerConfig): Promise<void> {
  const server = await startServer(config);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Stopping failed:', (error as Error).message);
          process.exit(1);
        },
      );
    });
  }
  // Only now say so: a stop asked for as soon as "listening" shows must find the handlers above,
  // not the default that ends the process without closing the database.
  console.log(`Weerbaar server listening on ${server.url}`);
  if (config.siteDir) console.log(`Demo site: ${server.url}/  ·  API: ${server.url}/v1/discovery`);
  console.log(`Stop with Ctrl+C (or SIGTERM); the data stays in ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir}`);
}

async function tokenCommand(config: ServerConfig, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { name: { type: 'string' }, 'expires-at': { type: 'string' } }, allowPositionals: true });
  const [action, id] = positionals;
  await withStore(config, async (store, secret) => {
    if (action === 'create') {
      const name = values.name?.trim();
      if (!name) throw new UsageError('token create needs --name <name> (who holds the token)');
      const expiresAt = values['expires-at'] === undefined ? undefined : parseTime('--expires-at', values['expires-at']);
      const token = generateToken('handler');
      const record = { id: randomId('h_', 6), name, createdAt: new Date().toISOString(), ...(expiresAt ? { expiresAt } : {}) };
      await store.createHandlerToken(record, hashToken(secret, 'handler', token));
      const expiry = expiresAt ? ` (valid until ${expiresAt}${Date.parse(expiresAt) <= Date.now() ? ', which has passed: it is refused already' : ''})` : '';
      console.log(`Handler token ${record.id} for "${name}" created${expiry}. It is shown only now; store it in a password manager:\n\n${token}\n`);
    } else if (action === 'list') {
      const tokens = await store.listHandlerTokens();
      if (tokens.length === 0) console.log('No handler tokens.');
      const now = new Date().toISOString();
      for (const token of tokens) {
        const expiry = token.expiresAt ? `${Date.parse(token.expiresAt) <= Date.parse(now) ? 'expired' : 'expires'} ${token.expiresAt}` : 'no expiry';
        const state = token.revokedAt ? `revoked ${token.revokedAt}` : handlerTokenActive(token, now) ? 'active' : 'expired';
        console.log(`${token.id}\t${token.name}\tcreated ${token.createdAt}\t${expiry}\t${state}`);
      }
    } else if (action === 'revoke') {
      if (!id) throw new UsageError('token revoke needs the token id (see token list)');
      const revoked = await store.revokeHandlerToken(id, new Date().toISOString());
      if (!revoked) throw new UsageError(`No active handler token with id ${id}`);
      console.log(`Handler token ${id} revoked.`);
    } else {
      throw new UsageError('token needs create, list or revoke');
    }
  });
}

async function handlerCommand(config: ServerConfig, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, role: { type: 'string', multiple: true }, group: { type: 'string', multiple: true }, email: { type: 'string' }, 'oidc-subject': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals[0] !== 'invite') throw new UsageError('handler needs invite');
  const name = values.name?.trim();
  if (!name || name.length > 200) throw new UsageError('handler invite needs --name <name> (1 to 200 characters: the name colleagues know the person by)');
  const roles = [...new Set(values.role ?? [])];
  if (roles.length === 0 || !roles.every((role): role is AccountRole => ACCOUNT_ROLES.includes(role as AccountRole))) {
    throw new UsageError(`handler invite needs --role with one of ${ACCOUNT_ROLES.join(', ')} (repeat it for more roles)`);
  }
  const groups = [...new Set(values.group ?? (roles.includes('handler') ? ['integrity-officers'] : []))];
  const secret = loadInstallationSecret(config);
  const { store, people } = await openStorage(config);
  try {
    const now = new Date().toISOString();
    const oidcSubject = values['oidc-subject']?.trim();
    if (oidcSubject !== undefined && (oidcSubject.length < 1 || oidcSubject.length > 255)) throw new UsageError('--oidc-subject must be 1 to 255 characters');
    const request = { displayName: name, roles, groups, ...(values.email ? { email: values.email } : {}), ...(oidcSubject ? { oidcSubject } : {}) };
    const invited = await inviteAccount(people, secret, request, { now, withInvitation: config.caseManagement.signIn.passkey }).catch((error: unknown) => {
      if (error instanceof ProblemError) {
        throw new UsageError(`Cannot invite: ${error.kind === 'account-exists' ? 'an account with this e-mail address or OpenID subject exists already' : `unknown group (${groups.join(', ')})`}.`);
      }
      throw error;
    });
    const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
    const invitedLine = `${name} is invited as ${roles.join(', ')}${groups.length ? ` (groups: ${groups.join(', ')})` : ''}; account ${invited.accountId}.`;
    const provider = config.caseManagement.signIn.oidc;
    const oidcLine = provider && (oidcSubject || (provider.claim === 'email' && values.email))
      ? [`They can sign in through ${provider.displayName ?? new URL(provider.issuer).hostname} now.`]
      : [];
    if (!invited.code) {
      console.log([invitedLine, ...oidcLine].join('\n'));
      return;
    }
    console.log(
      [
        invitedLine,
        ...oidcLine,
        `The enrolment address below works once and until ${invited.expiresAt}. Hand it over in person or by a channel only`,
        'this person reads; whoever opens it first can enrol a passkey for this account.',
        '',
        enrolmentUrl({ config, publicUrl: () => publicUrl }, invited.code),
        '',
        `Invitation code on its own: ${invited.code}`,
      ].join('\n'),
    );
  } finally {
    await store.close();
  }
}

async function keysCommand(config: ServerConfig, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true });
  if (positionals[0] !== 'generate') throw new UsageError('keys needs generate');
  const existing = readPublicKey(config.dataDir);
  if (existing && !values.force) {
    throw new UsageError(`An encryption key (${existing.keyId}) exists already. Replace it with --force; keep the old private key to open older reports.`);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { stored, privateKeyJwk } = await generateKeyPair(config.dataDir);
  console.error(
    [
      `Encryption key ${stored.keyId} created. Only the public key is stored on this server.`,
      'WARNING: the private key below is shown ONCE. Give it to the integrity officer only, store it offline',
      '(e.g. in a password manager or on paper in a safe), and never on this server. Without it, sealed',
      'reports cannot be opened; with it, anyone can open them. Restart the server to advertise the key.',
    ].join('\n'),
  );
  console.log(JSON.stringify(privateKeyJwk, null, 2));
}

function secretCommand(config: ServerConfig, args: string[]): void {
  if (args[0] !== 'generate') throw new UsageError('secret needs generate');
  const path = installationSecretPath(config);
  if (!InstallationSecret.generate(path)) throw new UsageError(`${path} exists already; it is never replaced (every stored hash depends on it).`);
  console.log(`Installation secret created in ${path} (mode 0600). Back it up with the database and give every instance the same file.`);
}

async function retentionCommand(config: ServerConfig, args: string[]): Promise<void> {
  if (args[0] !== 'run') throw new UsageError('retention needs run');
  const { store, files, retention, audit } = await openStorage(config);
  try {
    const run = await runRetention({ config, retention, files, audit, dilemmas: new DilemmaStore(sqlRunnerFor(store)), spec: new SpecValidator(), now: () => new Date().toISOString() });
    console.log(`Retention: ${run.deleted.length} case${run.deleted.length === 1 ? '' : 's'} deleted, ${run.kept} closed case${run.kept === 1 ? '' : 's'} kept until their date. ${run.dilemmasDeleted} shared dilemma${run.dilemmasDeleted === 1 ? '' : 's'} deleted.`);
  } finally {
    await store.close();
  }
}

async function drillCommand(config: ServerConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { protocol: { type: 'string' }, 'received-at': { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } } });
  const spec = new SpecValidator();
  const content = ContentCatalogue.load(config.contentFile ?? DEFAULT_CONTENT_FILE, spec);
  const protocols = ProtocolCatalogue.load(config.protocolsFile ?? DEFAULT_PROTOCOLS_FILE, spec, content);
  const locale = values.lang ?? content.locales.default;
  if (!content.locales.available.includes(locale)) throw new UsageError(`--lang must be one of ${content.locales.available.join(', ')}`);
  const receivedAt = values['received-at'] === undefined ? new Date().toISOString() : parseTime('--received-at', values['received-at']);
  const { store, people } = await openStorage(config);
  try {
    const drill = await drillNow({ protocols, people, config }, { receivedAt, locale, protocolId: values.protocol });
    if (!drill) throw new UsageError(`No protocol "${values.protocol}". The protocols: ${protocolIds(protocols).join(', ')}`);
    console.log(values.json ? JSON.stringify(drill, null, 2) : drillText(drill));
    // 2, not 1: a drill that ran and found a step nobody can reach, not a command that failed.
    if (!drill.summary.passed) process.exitCode = 2;
  } finally {
    await store.close();
  }
}

class UsageError extends Error {}

const ACCOUNT_ROLES: readonly AccountRole[] = ['handler', 'admin', 'auditor'];

/** An RFC 3339 date-time with an explicit offset, normalised to UTC. */
function parseTime(option: string, text: string): string {
  const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
  const time = Date.parse(text);
  if (!rfc3339.test(text) || Number.isNaN(time)) {
    throw new UsageError(`${option} needs an RFC 3339 time with a time zone, such as 2027-06-30T17:00:00Z, not "${text}"`);
  }
  return new Date(time).toISOString();
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  if (command === '--version' || command === 'version') {
    console.log((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'token':
      return tokenCommand(config, rest);
    case 'handler':
      return handlerCommand(config, rest);
    case 'keys':
      return keysCommand(config, rest);
    case 'secret':
      return secretCommand(config, rest);
    case 'retention':
      return retentionCommand(config, rest);
    case 'drill':
      return drillCommand(config, rest);
    case 'webhook':
      if (rest[0] !== 'secret') throw new UsageError('webhook needs secret');
      console.log(generateWebhookSecret());
      return;
    case 'migrate': {
      const { store, appliedMigrations: applied } = await openStorage(config);
      await store.close();
      console.log(applied.length ? `Applied migrations ${applied.join(', ')}.` : 'The database is up to date.');
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof ContentError || error instanceof MissingSecretError) {
    console.error(error.message);
  } else {
    console.error('weerbaar-server failed:', error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
