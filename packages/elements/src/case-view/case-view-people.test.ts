// The case view with people signed in, in Chromium with a virtual authenticator (PRF) against the
// real reference server: sealed reports unlocked by the person's passkey — the key file once, then
// kept wrapped with the passkey; the next session opens with the PRF output the sign-in handed over
// (no second touch), or with one touch of the passkey; the PRF output never reaches the server,
// which keeps only the wrapped scalar — and access: assign, grant, exclude, lift, as colleagues see it.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createHandlerClient, enrolPasskey, signInWithPasskey } from '@weerbaar/sdk/handler';
import { describeWhere, expectAccessible, mount, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { api, click, handler, importKey, openView, privateKeyJwk, report, setValue, untilText } from '../../test/case-view-helpers.js';
import type { CaseView } from './case-view.js';
import { createCaseKeyring } from './keyring.js';

/** A new person, invited with the server's CLI and enrolled with the page's (fresh) virtual authenticator. */
async function enrolled(name: string, groups: string[] = []) {
  const { code } = await executeServerCommand<{ code: string }, { name: string; roles: string[]; groups: string[] }>('weerbaar-invite', { name, roles: ['handler'], groups });
  return enrolPasskey(code, { baseUrl: api, passkeyName: 'Testlaptop' });
}

const denied = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { status?: number }) => error.status,
  );

describeWhere('virtualAuthenticator')('<weerbaar-case-view> with people signed in', () => {
  // The test runner's commands `weerbaar-invite` and `weerbaar-virtual-authenticator` come with the
  // console's inbox (test-support/wtr-reference-server.mjs); until a runner has them, these tests
  // report themselves as skipped rather than passing.
  let commands = true;
  // A fresh authenticator per test: one person's passkey each, so sign-in never has to choose.
  beforeEach(async () => {
    commands = await executeServerCommand('weerbaar-virtual-authenticator', { action: 'add', prf: true }).then(
      () => true,
      () => false,
    );
  });
  after(() => (commands ? executeServerCommand('weerbaar-virtual-authenticator', { action: 'remove' }) : undefined));

  it('keeps the key with the passkey after the key file, and opens the next sessions with the passkey', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    if (!commands) return this.skip();
    const marker = `passkey-${crypto.randomUUID()}`;
    const { caseId } = await report(marker);
    const person = await enrolled('Ö. Çelik');
    await handler.assignCase(caseId, person.me.account.accountId);

    // Signing in with a PRF passkey works (the output is taken out of what is sent) and hands the output over.
    const first = createCaseKeyring();
    const grant = await signInWithPasskey({ baseUrl: api, onPrfOutput: (output) => first.acceptPrfOutput(output) });
    expect(first.prfOutput?.byteLength).to.equal(32);
    const passkeyId = grant.me.session.passkeyId!;
    const client = createHandlerClient({ baseUrl: api, token: grant.token });

    const view = await openView(caseId, 'nl', client, first, { me: grant.me });
    expect(shadow(view, '[part="passkey-button"]'), 'nothing kept with the passkey yet').to.equal(null);
    await importKey(view);
    await untilText(view, marker);
    await untilText(view, 'Sleutel bewaren bij uw passkey');
    await expectAccessible(view);
    shadow<HTMLButtonElement>(view, '[part="keep-key-button"]')!.click();
    await untilText(view, 'De sleutel is bewaard bij uw passkey.');
    const kept = await client.getWrappedKey(passkeyId);
    expect(kept.algorithm).to.equal('weerbaar-prf-hkdf-sha256-aes-kw');
    expect(kept.wrappedKey).not.to.include((privateKeyJwk as { d: string }).d);

    // The next session: the sign-in's PRF output opens the key, without the file and without a touch.
    const second = createCaseKeyring();
    const again = await signInWithPasskey({ baseUrl: api, onPrfOutput: (output) => second.acceptPrfOutput(output) });
    expect(again.me.account.passkeys.find((passkey) => passkey.passkeyId === passkeyId)?.hasWrappedKey).to.equal(true);
    const next = await openView(caseId, 'nl', createHandlerClient({ baseUrl: api, token: again.token }), second, { me: again.me });
    await untilText(next, marker);
    expect(second.privateKey?.d).to.equal((privateKeyJwk as { d: string }).d);

    // A sign-in that handed nothing over: one touch of the passkey opens it.
    const third = createCaseKeyring();
    const plain = await signInWithPasskey({ baseUrl: api });
    const last = await openView(caseId, 'en', createHandlerClient({ baseUrl: api, token: plain.token }), third, { me: plain.me });
    expect(shadowText(last)).to.include('Your passkey keeps the organisation');
    await expectAccessible(last);
    shadow<HTMLButtonElement>(last, '[part="passkey-button"]')!.click();
    await untilText(last, marker);
    expect(third.prfOutput, 'kept for the session, for the next case').to.exist;
  });

  it('records an oral report as the person signed in, who becomes its handler', async function () {
    this.timeout(60_000);
    if (!commands) return this.skip();
    const marker = `intake-person-${crypto.randomUUID()}`;
    const person = await enrolled('M. de Wit', ['griffie']);
    const client = createHandlerClient({ baseUrl: api, token: person.token });
    const keyring = createCaseKeyring();
    keyring.unlock(privateKeyJwk as JsonWebKey);
    const view = await mount<CaseView>('nl', 'weerbaar-case-view', { properties: { client, keyring, me: person.me, intake: true } });
    await waitUntil(() => shadow(view, '#intake-role option:nth-child(2)'), 'the form did not show', { timeout: 20_000 });
    await setValue(view, '#intake-channel', 'phone');
    await setValue(view, '#intake-role', 'council-member');
    await setValue(view, '#intake-category', 'undue-pressure');
    await setValue(view, '#intake-description', `Een raadslid wordt gebeld en onder druk gezet. ${marker}`);
    await setValue(view, '#intake-minutes', `Telefoongesprek met het raadslid. ${marker}`);
    await click(view, '[part="intake-button"]');
    await waitUntil(() => shadow(view, '[part="intake-receipt"]'), 'the case did not open', { timeout: 30_000 });
    await untilText(view, marker);
    await waitUntil(() => shadowAll(view, '.summary .row').some((row) => row.textContent!.includes('Toegewezen aan') && row.textContent!.includes('M. de Wit')), 'the recorder is not assigned');
    const caseId = view.caseId!;
    expect((await handler.getCaseAccess(caseId)).assignees.map((assignee) => assignee.accountId)).to.deep.equal([person.me.account.accountId]);
    await expectAccessible(view);
  });

  it('assigns, grants, excludes and lifts; an excluded colleague sees the case nowhere', async function () {
    // Real browsers against a real server, under the load of a full test run: WebKit needs the time.
    this.timeout(60_000);
    if (!commands) return this.skip();
    const marker = `access-${crypto.randomUUID()}`;
    const { caseId } = await report(marker); // a council member's report: the griffie's
    const bakker = await enrolled('P. Bakker', ['griffie']);
    const bakkerId = bakker.me.account.accountId;
    const asBakker = createHandlerClient({ baseUrl: api, token: bakker.token });
    expect((await asBakker.getCase(caseId)).caseId, 'in the group, so allowed').to.equal(caseId);

    const view = await openView(caseId, 'nl');
    await untilText(view, 'Wie deze melding kan zien');
    expect(shadowText(view)).to.include('Griffie');
    const choose = async (accountId: string) => {
      const select = shadow<HTMLSelectElement>(view, '#access-person')!;
      select.value = accountId;
      select.dispatchEvent(new Event('change'));
    };
    shadow<HTMLButtonElement>(view, '[part="exclude-button"]')!.click();
    await untilText(view, 'Kies eerst een collega.');
    expect(view.shadowRoot!.activeElement?.id).to.equal('access-person');

    await choose(bakkerId);
    shadow<HTMLButtonElement>(view, '[part="exclude-button"]')!.click();
    await untilText(view, 'De toegang is aangepast.');
    await waitUntil(() => shadowAll(view, '[part="access"] .row').some((row) => row.textContent!.includes('Uitgesloten') && row.textContent!.includes('P. Bakker')), 'not listed as excluded');
    await expectAccessible(view);
    expect(await denied(asBakker.getCase(caseId)), 'excluded: 403').to.equal(403);
    const { items } = await asBakker.listCases({ pageSize: 100 });
    expect(items.map((item) => item.caseId), 'and not in any list').not.to.include(caseId);

    const lift = shadowAll<HTMLButtonElement>(view, '[part="access"] button').find((button) => button.textContent!.replace(/\s+/g, ' ').includes('Uitsluiting opheffen: P. Bakker'))!;
    lift.click();
    await waitUntil(async () => (await denied(asBakker.getCase(caseId))) === undefined, 'still excluded');

    await choose(bakkerId);
    shadow<HTMLButtonElement>(view, '[part="assign-button"]')!.click();
    await waitUntil(() => shadowAll(view, '.summary .row').some((row) => row.textContent!.includes('Toegewezen aan') && row.textContent!.includes('P. Bakker')), 'not assigned');
    expect((await handler.getCaseAccess(caseId)).assignees.map((person) => person.accountId)).to.deep.equal([bakkerId]);
  });
});
