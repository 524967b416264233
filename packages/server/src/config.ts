// The server's configuration: defaults that need nothing (`npm start`), overridden by one config
// file (`WEERBAAR_CONFIG`, JSON or YAML) and then by environment variables. Every setting is
// listed once, in ENVIRONMENT below and in the README.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYaml } from './content/content-file.js';
import { webhookSecretBytes } from './notifications/webhooks.js';

export interface ServerConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /**
   * A PostgreSQL connection URL (`postgres://user:password@host/db`): store everything there, so
   * several instances can share it. Unset: SQLite in the data directory.
   */
  databaseUrl?: string;
  /**
   * The installation secret's file; default `installation.secret` in the data directory. Created
   * there on first start with SQLite; with PostgreSQL it must exist (`weerbaar-server secret
   * generate`) and be the same on every instance.
   */
  installationSecretFile?: string;
  /** The public address of this server (e.g. `https://meld.voorbeeldstad.nl`); default `http://localhost:PORT`. */
  publicUrl?: string;
  /** `timeZone`: the IANA time zone the statistics' periods are counted in. */
  organisation: { name: string; url?: string; timeZone: string };
  /** Origins allowed to call the API from a browser; `*` only when explicitly configured. */
  allowedOrigins: string[];
  /** The editable content (norms, checklist, support directory, report form); default the bundled seed. */
  contentFile?: string;
  /** The editable texts for working cases (substatuses, labels, message templates); default the bundled seed. */
  caseWorkFile?: string;
  /** The protocols file (YAML or JSON); the bundled draft protocols when absent. */
  protocolsFile?: string;
  /** A directory of static files served at `/` (the demo site); none by default. */
  siteDir?: string;
  /** The elements' CDN bundle directory, served at `/elements/` when it exists. */
  elementsDir?: string;
  log: { level: string; clientIp: boolean };
  limits: { maxTextLength: number; maxRequestBytes: number; idempotencyKeyTtlSeconds: number };
  reports: { maxPerClientPerWindow: number };
  followUp: {
    enabled: boolean;
    sessionTtlSeconds: number;
    maxFailuresPerClient: number;
    maxFailuresTotal: number;
    maxSessionsPerCase: number;
  };
  /** The window of every rate limit, in seconds. */
  rateLimitWindowSeconds: number;
  attachments: { enabled: boolean; maxBytes: number; maxCount: number; mediaTypes: string[] };
  caseManagement: {
    enabled: boolean;
    /** People sign in (accounts, groups, routing, access per case). */
    signIn: SignInConfig;
    /**
     * The console's address (default PUBLIC_URL/behandelen): advertised when set, and the one
     * address invitations, notices and the OpenID provider's return point to.
     */
    consoleUrl?: string;
  };
  /** Days a closed case is kept after closing, per outcome; then it is deleted (unless on legal hold). */
  retention: { days: Record<CaseOutcome, number> };
  /** Statistics: counts (and figures computed) from fewer cases than this are suppressed. */
  statistics: { minimumCellCount: number };
  /**
   * Dilemmas (contract 1.2): shared anonymously, kept `retentionDays`, rewritten into cards by
   * people with the handler role in `editorGroupId` (and handler tokens). `cardsFile`: the cards
   * shipped with the installation (default the bundled draft cards).
   */
  dilemmas: { enabled: boolean; retentionDays: number; editorGroupId: string; cardsFile?: string };
  encryption: { required: boolean };
  /** Advertise this page as `hostedReportPage` instead of the one this server serves itself. */
  hostedReportPageUrl?: string;
  /** Serve the hosted report page at `/melden` and `/en/report` (when the elements' bundle is there). */
  serveHostedReportPage: boolean;
  links: { privacyStatement?: string; accessibilityStatement?: string };
  /** Trust `X-Forwarded-For` from a reverse proxy to tell clients apart for rate limits. */
  trustProxy: boolean;
  /** Notices to handlers without content (issue 14, item 5): when they go out, and to whom. */
  notifications: {
    /** Who gets the notices, until cases are routed to groups of accounts. */
    recipients: string[];
    /** "Acknowledgement due" this many days before the 7-day deadline. */
    acknowledgementDueWithinDays: number;
    /** "Feedback due" this many days before the feedback deadline. */
    feedbackDueWithinDays: number;
  };
  /** Mail by SMTP (`smtp://user:password@host:587`, `smtps://…`). */
  smtp: { url?: string; from: string };
  /**
   * Without SMTP, keep the mails in the database and show them at /postvak and /en/outbox, so that
   * a demo shows what would have been sent (`npm start` turns it on). Off by default: the page
   * lists case references to anyone who can reach the server.
   */
  demoOutbox: boolean;
  /** Signed, content-free events for a vendor's case system (contract 1.1 `caseEvent`). */
  webhooks: { url?: string; secret?: string };
  /** The job table's runner on this instance. */
  jobs: { pollMilliseconds: number; leaseSeconds: number; maxAttempts: number };
}

export interface SignInConfig {
  /** Passkeys (WebAuthn) enrolled by invitation. */
  passkey: boolean;
  /** Keep the organisation's key wrapped per person and passkey (`caseManagement.wrappedKeys`; with passkeys). */
  wrappedKeys: boolean;
  /** The WebAuthn relying party id; default the host name of the public address. */
  rpId?: string;
  /** Origins besides the public address's (and the console's) where passkey ceremonies may run. */
  origins: string[];
  idleTimeoutSeconds: number;
  maxSessionSeconds: number;
  maxFailuresPerClient: number;
  maxFailuresTotal: number;
  /** Sign-in through the organisation's OpenID provider; absent: not offered. */
  oidc?: OidcConfig;
}

/** The organisation's OpenID provider, with this server as a confidential client (authorization code + PKCE). */
export interface OidcConfig {
  /** The provider's issuer (its `/.well-known/openid-configuration` is read from there); https only. */
  issuer: string;
  clientId: string;
  /** Never logged or shown. */
  clientSecret: string;
  /** The provider's name as people know it, for the sign-in button; default the issuer's host name. */
  displayName?: string;
  /** The ID-token claim that names the person: `sub` (default, matched to `oidcSubject`), `email` (matched to the account's e-mail, only when verified) or another claim (matched to `oidcSubject`). */
  claim: string;
  /** The scopes asked for; default `openid`, plus `email` when the claim is `email`. */
  scope?: string;
  /** The addresses the provider may send the browser back to; default the console's address (this server's own: its page in each language). */
  redirectUris: string[];
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: '.data',
  organisation: { name: 'Gemeente Voorbeeldstad', timeZone: 'Europe/Amsterdam' },
  allowedOrigins: [],
  log: { level: 'info', clientIp: false },
  limits: { maxTextLength: 20000, maxRequestBytes: 262144, idempotencyKeyTtlSeconds: 86400 },
  reports: { maxPerClientPerWindow: 30 },
  followUp: { enabled: true, sessionTtlSeconds: 900, maxFailuresPerClient: 10, maxFailuresTotal: 1000, maxSessionsPerCase: 20 },
  rateLimitWindowSeconds: 900,
  attachments: {
    enabled: true,
    maxBytes: 10 * 1024 * 1024,
    maxCount: 10,
    mediaTypes: ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'],
  },
  caseManagement: {
    enabled: true,
    signIn: { passkey: true, wrappedKeys: true, origins: [], idleTimeoutSeconds: 900, maxSessionSeconds: 36000, maxFailuresPerClient: 10, maxFailuresTotal: 1000 },
  },
  // Long enough for an appeal or a complaint to the Huis voor Klokkenluiders after the outcome.
  retention: { days: { 'measures-taken': 1825, referred: 1825, 'no-action-needed': 365, 'insufficient-information': 365, withdrawn: 365 } },
  statistics: { minimumCellCount: 5 },
  dilemmas: { enabled: true, retentionDays: 90, editorGroupId: 'integrity-officers' },
  encryption: { required: false },
  serveHostedReportPage: true,
  links: {},
  trustProxy: false,
  notifications: { recipients: [], acknowledgementDueWithinDays: 2, feedbackDueWithinDays: 14 },
  smtp: { from: 'Weerbaar <meldpunt@localhost>' },
  demoOutbox: false,
  webhooks: {},
  jobs: { pollMilliseconds: 5000, leaseSeconds: 120, maxAttempts: 8 },
};

type Kind = 'string' | 'integer' | 'boolean' | 'list';

export type CaseOutcome = 'measures-taken' | 'referred' | 'no-action-needed' | 'insufficient-information' | 'withdrawn';
/** The contract's closing outcomes (CaseOutcome), each with its retention period. */
export const CASE_OUTCOMES: readonly CaseOutcome[] = ['measures-taken', 'referred', 'no-action-needed', 'insufficient-information', 'withdrawn'];

/** Environment variable → config path and type. */
export const ENVIRONMENT: ReadonlyArray<readonly [string, string, Kind]> = [
  ['HOST', 'host', 'string'],
  ['PORT', 'port', 'integer'],
  ['WEERBAAR_DATA_DIR', 'dataDir', 'string'],
  ['WEERBAAR_DATABASE_URL', 'databaseUrl', 'string'],
  ['WEERBAAR_INSTALLATION_SECRET_FILE', 'installationSecretFile', 'string'],
  ['WEERBAAR_PUBLIC_URL', 'publicUrl', 'string'],
  ['WEERBAAR_ORGANISATION_NAME', 'organisation.name', 'string'],
  ['WEERBAAR_ORGANISATION_URL', 'organisation.url', 'string'],
  ['WEERBAAR_ALLOWED_ORIGINS', 'allowedOrigins', 'list'],
  ['WEERBAAR_CONTENT_FILE', 'contentFile', 'string'],
  ['WEERBAAR_CASE_WORK_FILE', 'caseWorkFile', 'string'],
  ['WEERBAAR_PROTOCOLS_FILE', 'protocolsFile', 'string'],
  ['WEERBAAR_SITE_DIR', 'siteDir', 'string'],
  ['WEERBAAR_ELEMENTS_DIR', 'elementsDir', 'string'],
  ['WEERBAAR_LOG_LEVEL', 'log.level', 'string'],
  ['WEERBAAR_LOG_CLIENT_IP', 'log.clientIp', 'boolean'],
  ['WEERBAAR_MAX_TEXT_LENGTH', 'limits.maxTextLength', 'integer'],
  ['WEERBAAR_MAX_REQUEST_BYTES', 'limits.maxRequestBytes', 'integer'],
  ['WEERBAAR_IDEMPOTENCY_KEY_TTL_SECONDS', 'limits.idempotencyKeyTtlSeconds', 'integer'],
  ['WEERBAAR_REPORTS_PER_CLIENT', 'reports.maxPerClientPerWindow', 'integer'],
  ['WEERBAAR_FOLLOW_UP', 'followUp.enabled', 'boolean'],
  ['WEERBAAR_FOLLOW_UP_SESSION_TTL_SECONDS', 'followUp.sessionTtlSeconds', 'integer'],
  ['WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT', 'followUp.maxFailuresPerClient', 'integer'],
  ['WEERBAAR_FOLLOW_UP_MAX_FAILURES_TOTAL', 'followUp.maxFailuresTotal', 'integer'],
  ['WEERBAAR_FOLLOW_UP_MAX_SESSIONS_PER_CASE', 'followUp.maxSessionsPerCase', 'integer'],
  ['WEERBAAR_RATE_LIMIT_WINDOW_SECONDS', 'rateLimitWindowSeconds', 'integer'],
  ['WEERBAAR_ATTACHMENTS', 'attachments.enabled', 'boolean'],
  ['WEERBAAR_ATTACHMENT_MAX_BYTES', 'attachments.maxBytes', 'integer'],
  ['WEERBAAR_ATTACHMENT_MAX_COUNT', 'attachments.maxCount', 'integer'],
  ['WEERBAAR_ATTACHMENT_MEDIA_TYPES', 'attachments.mediaTypes', 'list'],
  ['WEERBAAR_CASE_MANAGEMENT', 'caseManagement.enabled', 'boolean'],
  ...CASE_OUTCOMES.map(
    (outcome) => [`WEERBAAR_RETENTION_DAYS_${outcome.toUpperCase().replace(/-/g, '_')}`, `retention.days.${outcome}`, 'integer'] as const,
  ),
  ['WEERBAAR_STATISTICS_MINIMUM_CELL_COUNT', 'statistics.minimumCellCount', 'integer'],
  ['WEERBAAR_DILEMMAS', 'dilemmas.enabled', 'boolean'],
  ['WEERBAAR_DILEMMAS_RETENTION_DAYS', 'dilemmas.retentionDays', 'integer'],
  ['WEERBAAR_DILEMMAS_EDITOR_GROUP', 'dilemmas.editorGroupId', 'string'],
  ['WEERBAAR_DILEMMA_CARDS_FILE', 'dilemmas.cardsFile', 'string'],
  ['WEERBAAR_CONSOLE_URL', 'caseManagement.consoleUrl', 'string'],
  ['WEERBAAR_PASSKEYS', 'caseManagement.signIn.passkey', 'boolean'],
  ['WEERBAAR_WRAPPED_KEYS', 'caseManagement.signIn.wrappedKeys', 'boolean'],
  ['WEERBAAR_PASSKEY_RP_ID', 'caseManagement.signIn.rpId', 'string'],
  ['WEERBAAR_PASSKEY_ORIGINS', 'caseManagement.signIn.origins', 'list'],
  ['WEERBAAR_SESSION_IDLE_SECONDS', 'caseManagement.signIn.idleTimeoutSeconds', 'integer'],
  ['WEERBAAR_SESSION_MAX_SECONDS', 'caseManagement.signIn.maxSessionSeconds', 'integer'],
  ['WEERBAAR_SIGN_IN_MAX_FAILURES_PER_CLIENT', 'caseManagement.signIn.maxFailuresPerClient', 'integer'],
  ['WEERBAAR_SIGN_IN_MAX_FAILURES_TOTAL', 'caseManagement.signIn.maxFailuresTotal', 'integer'],
  ['WEERBAAR_OIDC_ISSUER', 'caseManagement.signIn.oidc.issuer', 'string'],
  ['WEERBAAR_OIDC_CLIENT_ID', 'caseManagement.signIn.oidc.clientId', 'string'],
  ['WEERBAAR_OIDC_CLIENT_SECRET', 'caseManagement.signIn.oidc.clientSecret', 'string'],
  ['WEERBAAR_OIDC_DISPLAY_NAME', 'caseManagement.signIn.oidc.displayName', 'string'],
  ['WEERBAAR_OIDC_CLAIM', 'caseManagement.signIn.oidc.claim', 'string'],
  ['WEERBAAR_OIDC_SCOPE', 'caseManagement.signIn.oidc.scope', 'string'],
  ['WEERBAAR_OIDC_REDIRECT_URIS', 'caseManagement.signIn.oidc.redirectUris', 'list'],
  ['WEERBAAR_TIME_ZONE', 'organisation.timeZone', 'string'],
  ['WEERBAAR_ENCRYPTION_REQUIRED', 'encryption.required', 'boolean'],
  ['WEERBAAR_HOSTED_REPORT_PAGE_URL', 'hostedReportPageUrl', 'string'],
  ['WEERBAAR_SERVE_HOSTED_REPORT_PAGE', 'serveHostedReportPage', 'boolean'],
  ['WEERBAAR_PRIVACY_STATEMENT_URL', 'links.privacyStatement', 'string'],
  ['WEERBAAR_ACCESSIBILITY_STATEMENT_URL', 'links.accessibilityStatement', 'string'],
  ['WEERBAAR_TRUST_PROXY', 'trustProxy', 'boolean'],
  ['WEERBAAR_NOTIFY_RECIPIENTS', 'notifications.recipients', 'list'],
  ['WEERBAAR_NOTIFY_ACKNOWLEDGEMENT_DUE_DAYS', 'notifications.acknowledgementDueWithinDays', 'integer'],
  ['WEERBAAR_NOTIFY_FEEDBACK_DUE_DAYS', 'notifications.feedbackDueWithinDays', 'integer'],
  ['WEERBAAR_SMTP_URL', 'smtp.url', 'string'],
  ['WEERBAAR_SMTP_FROM', 'smtp.from', 'string'],
  ['WEERBAAR_DEMO_OUTBOX', 'demoOutbox', 'boolean'],
  ['WEERBAAR_WEBHOOK_URL', 'webhooks.url', 'string'],
  ['WEERBAAR_WEBHOOK_SECRET', 'webhooks.secret', 'string'],
  ['WEERBAAR_JOBS_POLL_MILLISECONDS', 'jobs.pollMilliseconds', 'integer'],
  ['WEERBAAR_JOBS_LEASE_SECONDS', 'jobs.leaseSeconds', 'integer'],
  ['WEERBAAR_JOBS_MAX_ATTEMPTS', 'jobs.maxAttempts', 'integer'],
];

export class ConfigError extends Error {}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Tree, override: Tree): Tree {
  const result: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (key === '__proto__' || key === 'constructor') continue;
    result[key] = isTree(value) && isTree(base[key]) ? merge(base[key], value) : value;
  }
  return result;
}

function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (!isTree(node[key])) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]!] = value;
}

function parseEnvValue(name: string, raw: string, kind: Kind): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'list':
      return raw.split(',').map((item) => item.trim()).filter(Boolean);
    case 'integer':
      if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, not "${raw}"`);
      return Number(raw.trim());
    case 'boolean':
      if (/^(1|true|on|yes)$/i.test(raw.trim())) return true;
      if (/^(0|false|off|no)$/i.test(raw.trim())) return false;
      throw new ConfigError(`${name} must be true or false, not "${raw}"`);
  }
}

function readConfigFile(path: string): Tree {
  let parsed: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    parsed = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  if (!isTree(parsed)) throw new ConfigError(`The config file ${path} must contain an object`);
  return parsed;
}

function requireRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  }
}

function requireHttpsUrl(name: string, value: string | undefined): void {
  if (value !== undefined && !/^(https:\/\/|http:\/\/localhost(:\d+)?\/)/.test(value)) {
    throw new ConfigError(`${name} must be an https URL (or http://localhost/ for development), not "${value}"`);
  }
}

/** The OpenID settings go together; the issuer is https (the contract advertises it as such and the provider's addresses follow it). */
function checkOidc(oidc: Partial<OidcConfig>): void {
  if (!oidc.issuer || !/^https:\/\/[^\s/]+(\/\S*)?$/.test(oidc.issuer)) {
    throw new ConfigError(`caseManagement.signIn.oidc.issuer (WEERBAAR_OIDC_ISSUER) must be the provider's https address, such as https://login.voorbeeldstad.nl/`);
  }
  // The secret is never repeated in a message.
  if (!oidc.clientId || !oidc.clientSecret) {
    throw new ConfigError('caseManagement.signIn.oidc needs clientId and clientSecret (WEERBAAR_OIDC_CLIENT_ID, WEERBAAR_OIDC_CLIENT_SECRET)');
  }
  oidc.claim ??= 'sub';
  if (!/^[A-Za-z0-9_:.-]{1,100}$/.test(oidc.claim)) throw new ConfigError(`caseManagement.signIn.oidc.claim must be a claim name such as sub or email, not "${oidc.claim}"`);
  oidc.redirectUris ??= [];
  for (const uri of oidc.redirectUris) requireHttpsUrl('caseManagement.signIn.oidc.redirectUris', uri);
  if (oidc.displayName !== undefined && (oidc.displayName.length < 1 || oidc.displayName.length > 100)) {
    throw new ConfigError('caseManagement.signIn.oidc.displayName must be 1 to 100 characters');
  }
}

/** Checks the limits the contract puts on advertised values, so discovery never lies. */
function check(config: ServerConfig): void {
  requireRange('port', config.port, 0, 65535);
  requireRange('limits.maxTextLength', config.limits.maxTextLength, 1000, 20000);
  requireRange('limits.maxRequestBytes', config.limits.maxRequestBytes, 16384, 10485760);
  requireRange('limits.idempotencyKeyTtlSeconds', config.limits.idempotencyKeyTtlSeconds, 86400, 2592000);
  requireRange('followUp.sessionTtlSeconds', config.followUp.sessionTtlSeconds, 60, 3600);
  requireRange('followUp.maxFailuresPerClient', config.followUp.maxFailuresPerClient, 1, 1_000_000);
  requireRange('followUp.maxFailuresTotal', config.followUp.maxFailuresTotal, 1, 100_000_000);
  requireRange('followUp.maxSessionsPerCase', config.followUp.maxSessionsPerCase, 1, 1_000_000);
  requireRange('reports.maxPerClientPerWindow', config.reports.maxPerClientPerWindow, 1, 100_000_000);
  requireRange('rateLimitWindowSeconds', config.rateLimitWindowSeconds, 1, 86400);
  requireRange('attachments.maxBytes', config.attachments.maxBytes, 1, 104857600);
  requireRange('attachments.maxCount', config.attachments.maxCount, 1, 100);
  const mediaType = /^[a-z]+\/[a-z0-9.+-]+$/;
  if (config.attachments.mediaTypes.length === 0 || !config.attachments.mediaTypes.every((type) => mediaType.test(type))) {
    throw new ConfigError('attachments.mediaTypes must list media types such as application/pdf');
  }
  if (!config.organisation.name || config.organisation.name.length > 200) {
    throw new ConfigError('organisation.name must be 1 to 200 characters');
  }
  // The URL may hold a password: never repeat it in a message.
  if (config.databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/.test(config.databaseUrl)) {
    throw new ConfigError('databaseUrl (WEERBAAR_DATABASE_URL) must be a postgres:// or postgresql:// URL');
  }
  for (const outcome of CASE_OUTCOMES) requireRange(`retention.days.${outcome}`, config.retention.days[outcome], 1, 36500);
  requireRange('statistics.minimumCellCount', config.statistics.minimumCellCount, 5, 100);
  requireRange('dilemmas.retentionDays', config.dilemmas.retentionDays, 1, 3650);
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(config.dilemmas.editorGroupId)) {
    throw new ConfigError(`dilemmas.editorGroupId must be a group id such as integrity-officers, not "${config.dilemmas.editorGroupId}"`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.organisation.timeZone });
  } catch {
    throw new ConfigError(`organisation.timeZone must be an IANA time zone such as Europe/Amsterdam, not "${config.organisation.timeZone}"`);
  }
  const signIn = config.caseManagement.signIn;
  requireRange('caseManagement.signIn.idleTimeoutSeconds', signIn.idleTimeoutSeconds, 60, 3600);
  requireRange('caseManagement.signIn.maxSessionSeconds', signIn.maxSessionSeconds, 300, 86400);
  requireRange('caseManagement.signIn.maxFailuresPerClient', signIn.maxFailuresPerClient, 1, 1_000_000);
  requireRange('caseManagement.signIn.maxFailuresTotal', signIn.maxFailuresTotal, 1, 100_000_000);
  if (signIn.rpId !== undefined && !/^[a-z0-9.-]{1,253}$/.test(signIn.rpId)) {
    throw new ConfigError(`caseManagement.signIn.rpId must be a domain name such as meld.voorbeeldstad.nl, not "${signIn.rpId}"`);
  }
  for (const origin of signIn.origins) {
    if (!/^(https:\/\/[^/\s]+|http:\/\/localhost(:\d+)?)$/.test(origin)) {
      throw new ConfigError(`caseManagement.signIn.origins: "${origin}" is not an https origin such as https://intranet.voorbeeldstad.nl`);
    }
  }
  requireHttpsUrl('caseManagement.consoleUrl', config.caseManagement.consoleUrl);
  if (signIn.oidc) checkOidc(signIn.oidc);
  requireRange('notifications.acknowledgementDueWithinDays', config.notifications.acknowledgementDueWithinDays, 1, 7);
  requireRange('notifications.feedbackDueWithinDays', config.notifications.feedbackDueWithinDays, 1, 60);
  requireRange('jobs.pollMilliseconds', config.jobs.pollMilliseconds, 50, 3_600_000);
  requireRange('jobs.leaseSeconds', config.jobs.leaseSeconds, 1, 3600);
  requireRange('jobs.maxAttempts', config.jobs.maxAttempts, 1, 100);
  for (const address of config.notifications.recipients) {
    if (!/^[^\s@<>,]+@[^\s@<>,]+$/.test(address)) throw new ConfigError(`notifications.recipients: "${address}" is not an e-mail address`);
  }
  // The URL may hold a password: never repeat it in a message.
  if (config.smtp.url !== undefined && !/^smtps?:\/\/[^\s]+$/.test(config.smtp.url)) {
    throw new ConfigError('smtp.url (WEERBAAR_SMTP_URL) must be an smtp:// or smtps:// URL');
  }
  const { webhooks } = config;
  if ((webhooks.url === undefined) !== (webhooks.secret === undefined)) throw new ConfigError('webhooks.url and webhooks.secret (WEERBAAR_WEBHOOK_URL, WEERBAAR_WEBHOOK_SECRET) go together');
  if (webhooks.url !== undefined && !/^https?:\/\/\S+$/.test(webhooks.url)) throw new ConfigError('webhooks.url must be an http(s) URL');
  // The secret is never repeated in a message.
  if (webhooks.secret !== undefined && !webhookSecretBytes(webhooks.secret)) {
    throw new ConfigError('webhooks.secret must be whsec_ followed by the base64 of 24 to 64 random bytes (weerbaar-server webhook secret makes one)');
  }
  requireHttpsUrl('organisation.url', config.organisation.url);
  requireHttpsUrl('hostedReportPageUrl', config.hostedReportPageUrl);
  requireHttpsUrl('links.privacyStatement', config.links.privacyStatement);
  requireHttpsUrl('links.accessibilityStatement', config.links.accessibilityStatement);
  for (const origin of config.allowedOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`allowedOrigins: "${origin}" is not an origin such as https://www.voorbeeldstad.nl`);
    }
  }
}

/** Defaults ← config file ← environment; paths are resolved against the working directory. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  let tree: Tree = structuredClone(DEFAULT_CONFIG) as unknown as Tree;
  if (env.WEERBAAR_CONFIG) tree = merge(tree, readConfigFile(resolve(cwd, env.WEERBAAR_CONFIG)));
  for (const [name, path, kind] of ENVIRONMENT) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') setPath(tree, path, parseEnvValue(name, raw, kind));
  }
  const config = tree as unknown as ServerConfig;
  config.dataDir = resolve(cwd, config.dataDir);
  if (config.installationSecretFile) config.installationSecretFile = resolve(cwd, config.installationSecretFile);
  if (config.contentFile) config.contentFile = resolve(cwd, config.contentFile);
  if (config.caseWorkFile) config.caseWorkFile = resolve(cwd, config.caseWorkFile);
  if (config.protocolsFile) config.protocolsFile = resolve(cwd, config.protocolsFile);
  if (config.siteDir) config.siteDir = resolve(cwd, config.siteDir);
  if (config.elementsDir) config.elementsDir = resolve(cwd, config.elementsDir);
  check(config);
  return config;
}
