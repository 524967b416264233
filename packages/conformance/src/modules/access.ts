// Access per case (contract 1.1, "People and sign-in", "Access to cases"): a person excluded from a
// case gets 403 on it and never finds it in a list; an auditor never reads case content but reads
// the audit list, which handlers may not. The kit
// works on a case of its own: with the handler token it grants the given person access (the control:
// they must then read and list it), excludes them, checks, and lifts the exclusion and the grant.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';
import type { Exchange } from '../http.js';

const GRANTED = 'WRA-ACC-01';
const EXCLUDED_FORBIDDEN = 'WRA-ACC-02';
const EXCLUDED_UNLISTED = 'WRA-ACC-03';
const AUDITOR_NO_CONTENT = 'WRA-ACC-04';
const AUDIT_LIST_TO_AUDITORS = 'WRA-ACC-05';
const OIDC_START = 'WRA-ACC-06';
const CHECKS = [GRANTED, EXCLUDED_FORBIDDEN, EXCLUDED_UNLISTED, AUDITOR_NO_CONTENT, AUDIT_LIST_TO_AUDITORS];

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The list queries an excluded person must never find the case in. */
function listQueries(category: string): Record<string, string>[] {
  return [{ pageSize: '100' }, { pageSize: '100', status: 'received' }, { pageSize: '100', category }, { pageSize: '100', sort: 'acknowledgeDueAt' }];
}

function listed(exchange: Exchange, caseId: string): boolean {
  const items = (exchange.json as Schema<'CaseList'> | undefined)?.items ?? [];
  return items.some((item) => item.caseId === caseId);
}

/** The global audit list: an auditor reads it (first, as a control), a handler's access token and the handler token get 403. */
async function checkAuditList(context: RunContext, auditorToken: string, personToken: string | undefined): Promise<void> {
  const { record, client } = context;
  if (!context.discovery?.capabilities.caseManagement?.audit) return record.skip(AUDIT_LIST_TO_AUDITORS, 'the backend does not advertise capabilities.caseManagement.audit');
  const read = await client.send({ operationId: 'listAuditEntries', headers: bearer(auditorToken) });
  const errors = read.status === 200 ? context.validator.schema('AuditEntryPage')(read.json) : [];
  record.expect(
    AUDIT_LIST_TO_AUDITORS,
    read.status === 200 && errors.length === 0,
    read.status === 200 ? `the auditor's GET /audit/entries does not fit AuditEntryPage: ${errors.map((error) => `${error.pointer || '(root)'} ${error.code}`).join(', ')}` : `the auditor's GET /audit/entries answered ${read.status}, not 200`,
    context.evidence(read),
  );
  const others: [string, Record<string, string>][] = [['the handler token', context.handlerHeaders], ...(personToken ? [["a handler's access token", bearer(personToken)] as [string, Record<string, string>]] : [])];
  for (const [who, headers] of others) {
    const refused = await client.send({ operationId: 'listAuditEntries', headers });
    record.expect(AUDIT_LIST_TO_AUDITORS, refused.status === 403, `GET /audit/entries with ${who} answered ${refused.status}, not 403`, context.evidence(refused), 'an auditor reads the audit list; handlers get 403');
  }
}

/**
 * Sign-in through the organisation's OpenID provider, where advertised, as far as the kit sees it
 * without a person at the provider: the start answers the advertised provider's authorization
 * address with state, nonce and PKCE (S256); a redirect address the backend is not configured with is
 * 400; a callback with an unknown state is 401.
 */
async function checkOidcStart(context: RunContext): Promise<void> {
  const { record, client } = context;
  const oidc = context.discovery?.capabilities.caseManagement?.signIn?.oidc;
  if (!oidc) return record.skip(OIDC_START, 'the backend does not advertise capabilities.caseManagement.signIn.oidc');
  const start = await client.send({ operationId: 'startOidcSignIn', json: {} });
  const errors = start.status === 201 ? context.validator.schema('OidcAuthorization')(start.json) : [];
  const problems = [
    ...(start.status === 201 ? [] : [`POST /sign-in/oidc/authorizations answered ${start.status}, not 201`]),
    ...errors.map((error) => `the answer does not fit OidcAuthorization at ${error.pointer || '(root)'}: ${error.code}`),
  ];
  if (start.status === 201 && errors.length === 0) {
    const address = new URL((start.json as Schema<'OidcAuthorization'>).authorizationUrl);
    const query = address.searchParams;
    if (address.origin !== new URL(oidc.issuer).origin) problems.push(`the authorization address ${address.origin} is not at the advertised issuer's origin`);
    for (const name of ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge']) if (!query.get(name)) problems.push(`the authorization address has no ${name}`);
    if (query.get('response_type') !== 'code') problems.push('the authorization address does not ask for response_type=code');
    if (query.get('code_challenge_method') !== 'S256') problems.push('the authorization address does not use PKCE with code_challenge_method=S256');
  }
  const elsewhere = await client.send({ operationId: 'startOidcSignIn', json: { redirectUri: 'https://conformance.invalid/elders' } });
  if (elsewhere.status !== 400) problems.push(`a redirectUri the backend is not configured with answered ${elsewhere.status}, not 400`);
  const unknown = await client.send({ operationId: 'finishOidcSignIn', json: { code: 'conformance-kit-code', state: 'conformance-kit-unknown-state' } });
  if (unknown.status !== 401) problems.push(`a callback with an unknown state answered ${unknown.status}, not 401`);
  record.expect(OIDC_START, problems.length === 0, problems.join('; '), context.evidence(start), 'starting an OpenID sign-in answers the provider’s address with state, nonce and PKCE; a wrong redirect is 400, an unknown state 401');
}

async function run(context: RunContext): Promise<void> {
  const { record, client } = context;
  if (!context.discovery?.capabilities.caseManagement?.signIn) {
    for (const id of [...CHECKS, OIDC_START]) record.skip(id, 'the backend does not advertise capabilities.caseManagement.signIn');
    return;
  }
  await checkOidcStart(context);
  const { personToken, auditorToken } = context.people;
  if (!personToken) for (const id of [GRANTED, EXCLUDED_FORBIDDEN, EXCLUDED_UNLISTED]) record.skip(id, 'needs --person-token (an access token of a person with the handler role)');
  if (!auditorToken) for (const id of [AUDITOR_NO_CONTENT, AUDIT_LIST_TO_AUDITORS]) record.skip(id, 'needs --auditor-token (an access token of a person with only the auditor role)');
  if (!personToken && !auditorToken) return;

  const { body, marker } = await context.reportBody();
  const submitted = await context.submit(body, context.newIdempotencyKey(), marker);
  const report = context.reports.find((candidate) => candidate.marker === marker);
  const found = report && (await context.findCase(report));
  if (!found) {
    for (const id of CHECKS) record.fail(id, 'the kit could not submit a case and find it with the handler token', context.evidence(submitted));
    return;
  }
  const caseId = found.caseId;
  const category = String(body.category);

  if (auditorToken) {
    const read = await client.send({ operationId: 'getCase', headers: bearer(auditorToken), pathParams: { caseId } });
    const list = await client.send({ operationId: 'listCases', headers: bearer(auditorToken), query: { pageSize: '100' } });
    record.expect(AUDITOR_NO_CONTENT, read.status === 403, `an auditor's GET /cases/{caseId} answered ${read.status}, not 403`, context.evidence(read));
    record.expect(
      AUDITOR_NO_CONTENT,
      list.status === 403,
      `an auditor's GET /cases answered ${list.status}, not 403`,
      context.evidence(list),
      'an auditor reads no case and lists none (403)',
    );
    await checkAuditList(context, auditorToken, personToken);
  }
  if (!personToken) return;

  const me = await client.send({ operationId: 'getMe', headers: bearer(personToken) });
  const accountId = (me.json as Schema<'Me'> | undefined)?.account.accountId;
  if (!record.expect(GRANTED, me.status === 200 && accountId !== undefined, `GET /me with the person's token answered ${me.status}`, context.evidence(me))) {
    record.skip(EXCLUDED_FORBIDDEN, 'the person token does not work');
    record.skip(EXCLUDED_UNLISTED, 'the person token does not work');
    return;
  }
  const path = { caseId, accountId: accountId! };
  try {
    const grant = await client.send({ operationId: 'grantCaseAccess', headers: context.handlerHeaders, pathParams: path });
    const granted = await client.send({ operationId: 'getCase', headers: bearer(personToken), pathParams: { caseId } });
    const grantedList = await client.send({ operationId: 'listCases', headers: bearer(personToken), query: { pageSize: '100' } });
    const control = record.expect(
      GRANTED,
      grant.status === 200 && granted.status === 200 && listed(grantedList, caseId),
      `after PUT …/access/grants the person's GET /cases/{caseId} answered ${granted.status} and GET /cases ${listed(grantedList, caseId) ? 'listed' : 'did not list'} the case (the person must hold the handler role)`,
      context.evidence(grant.status === 200 ? granted : grant),
      'a person granted access to a case reads it and finds it in the list',
    );
    if (!control) {
      record.skip(EXCLUDED_FORBIDDEN, 'the control failed: the person could not work the case even when granted');
      record.skip(EXCLUDED_UNLISTED, 'the control failed: the person could not work the case even when granted');
      return;
    }

    const exclude = await client.send({ operationId: 'excludeFromCase', headers: context.handlerHeaders, pathParams: path });
    const answered = (exclude.json as Schema<'CaseAccess'> | undefined)?.exclusions.some((entry) => entry.accountId === accountId) === true;
    record.expect(EXCLUDED_FORBIDDEN, exclude.status === 200 && answered, `PUT …/access/exclusions answered ${exclude.status} without the person among the exclusions`, context.evidence(exclude));
    for (const [what, exchange] of [
      ['GET /cases/{caseId}', await client.send({ operationId: 'getCase', headers: bearer(personToken), pathParams: { caseId } })],
      ['GET /cases/{caseId}/access', await client.send({ operationId: 'getCaseAccess', headers: bearer(personToken), pathParams: { caseId } })],
      ['POST /cases/{caseId}/messages', await client.send({ operationId: 'sendCaseMessage', headers: bearer(personToken), pathParams: { caseId }, json: { body: 'Synthetisch bericht van de conformancetest.' } })],
    ] as const) {
      record.expect(EXCLUDED_FORBIDDEN, exchange.status === 403, `an excluded person's ${what} answered ${exchange.status}, not 403`, context.evidence(exchange), 'an excluded person gets 403 on every operation of the case');
    }
    for (const query of listQueries(category)) {
      const list = await client.send({ operationId: 'listCases', headers: bearer(personToken), query });
      const page = list.json as Schema<'CaseList'> | undefined;
      record.expect(
        EXCLUDED_UNLISTED,
        list.status === 200 && !listed(list, caseId) && page !== undefined && page.totalItems === page.items.length + (page.page - 1) * page.pageSize,
        `GET ${list.target} with an excluded person's token ${listed(list, caseId) ? 'lists the case' : `answered ${list.status} or a total that does not match its items`}`,
        context.evidence(list),
        'an excluded person never finds the case in a list or its total',
      );
    }
  } finally {
    await client.send({ operationId: 'liftCaseExclusion', headers: context.handlerHeaders, pathParams: path });
    await client.send({ operationId: 'revokeCaseAccess', headers: context.handlerHeaders, pathParams: path });
  }
}

export const accessModule: ConformanceModule = {
  id: 'access',
  profile: 'access',
  title: 'Accounts and access per case',
  checks: [
    { id: GRANTED, title: 'A person granted access to a case reads it and finds it in the list (the control of the checks below).', requirement: 'info.description "Access to cases"; paths./cases/{caseId}/access/grants/{accountId}', severity: 'MUST' },
    { id: EXCLUDED_FORBIDDEN, title: 'A person excluded from a case gets 403 on every operation of the case.', requirement: 'paths./cases/{caseId}/access/exclusions/{accountId}; components.responses.Forbidden', severity: 'MUST' },
    { id: EXCLUDED_UNLISTED, title: 'A person excluded from a case never finds it in any list or total.', requirement: 'info.description "Access to cases"; paths./cases.get', severity: 'MUST' },
    { id: AUDITOR_NO_CONTENT, title: 'An auditor reads no case and lists none (403): never any content.', requirement: 'info.description "People and sign-in"; paths./cases/{caseId}.get', severity: 'MUST' },
    { id: OIDC_START, title: 'Where OpenID sign-in is advertised, its start answers the advertised provider’s authorization address with state, nonce and PKCE (S256); an unconfigured redirectUri is 400 and a callback with an unknown state 401.', requirement: 'paths./sign-in/oidc/authorizations.post; paths./sign-in/oidc.post', severity: 'MUST' },
    { id: AUDIT_LIST_TO_AUDITORS, title: 'An auditor reads the global audit list (GET /audit/entries); a handler token and a handler’s access token get 403.', requirement: 'paths./audit/entries.get', severity: 'MUST' },
  ],
  run,
};
