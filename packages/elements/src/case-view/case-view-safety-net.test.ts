// The safety net on a case (issue 16) in Chromium against the real reference server: the protocol's
// tasks ticked off and opened again by keyboard with a spoken confirmation, overdue in words; the
// people affected recorded by role for a sealed report, which adds the family-support task; the
// aftercare check-ins with the reporter's answers in words and the sealed free text opened with the
// key. Time is the server's clock seam (`weerbaar-clock`: times moved into the past), never waited for.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { EncryptionCapability } from '@weerbaar/sdk';
import { sealMessage } from '../../../sdk/src/seal.js';
import { expectAccessible, shadow, shadowAll, shadowText, waitUntil } from '../../test/browser-helpers.js';
import { api, click, handler, importKey, openView, report, tabToField, untilText } from '../../test/case-view-helpers.js';

const clock = (caseId: string, move: 'tasks-overdue' | 'check-in-open' | 'check-in-missed') =>
  executeServerCommand<{ checkInId?: string }, { caseId: string; move: string }>('weerbaar-clock', { caseId, move });

/** The reporter answers a check-in as the follow-up page does: a session for the code, then the answer (free text sealed). */
async function answerCheckIn(receipt: string, checkInId: string, answer: { wellbeing: string; feelsSafe: string; wantsContact: boolean }, text: string) {
  const session = await fetch(`${api}/follow-up/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt }) });
  const { token } = (await session.json()) as { token: string };
  const { encryption } = (await handler.discover()).capabilities as { encryption: EncryptionCapability };
  const encryptedText = await sealMessage(encryption, text);
  const answered = await fetch(`${api}/follow-up/check-ins/${encodeURIComponent(checkInId)}/answer`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ ...answer, encryptedText }),
  });
  expect(answered.status, await answered.clone().text()).to.equal(200);
}

const taskLabels = (view: HTMLElement) => shadowAll(view, '.tasks label').map((label) => label.textContent!.trim());

describe('<weerbaar-case-view> the safety net', () => {
  it('ticks a task off and opens it again by keyboard, says so in a live region, and says overdue in words', async function () {
    this.timeout(60_000);
    const marker = `taken-${crypto.randomUUID()}`;
    const { caseId } = await report(marker);
    const view = await openView(caseId);
    await untilText(view, 'Taken');
    const first = (await handler.listTasks(caseId, { lang: 'nl' })).items[0]!;
    expect(taskLabels(view)[0]).to.equal(first.title);
    expect(shadowText(view)).to.include('Klaar vóór');
    expect(shadowText(view)).to.include('Groep: ');
    // The protocol's sources for the step are on the task, for the handler to check.
    expect(shadow(view, '.tasks a[href^="https://"]')).to.not.equal(null);
    await expectAccessible(view);

    await tabToField(view, 'task-0');
    await sendKeys({ press: ' ' });
    await untilText(view, `Afgevinkt: ${first.title}.`);
    expect(shadow(view, '#tasks-notice')!.getAttribute('role')).to.equal('status');
    await untilText(view, 'Afgevinkt door');
    expect((await handler.listTasks(caseId)).items[0]!.status).to.equal('done');
    expect((view.shadowRoot!.activeElement as HTMLElement | null)?.id, 'focus stays on the checkbox').to.equal('task-0');
    expect(shadow<HTMLInputElement>(view, '#task-0')!.checked).to.equal(true);
    await expectAccessible(view);

    await sendKeys({ press: ' ' });
    await untilText(view, `Weer open: ${first.title}.`);
    expect((await handler.listTasks(caseId)).items[0]!.status).to.equal('open');

    // An hour past due: late in words on every open task, not only in colour.
    await clock(caseId, 'tasks-overdue');
    const late = await openView(caseId, 'en');
    await untilText(late, 'Tasks');
    const overdue = shadowAll(late, '.tasks .overdue');
    expect(overdue.length).to.equal((await handler.listTasks(caseId)).items.length);
    expect(overdue[0]!.textContent).to.include('overdue');
    await expectAccessible(late);
  });

  it('records the people affected by role for a sealed report, which adds the family-support task', async function () {
    this.timeout(60_000);
    const marker = `naasten-${crypto.randomUUID()}`;
    const { caseId } = await report(marker);
    const view = await openView(caseId);
    await untilText(view, 'Wie zijn getroffen');
    expect(shadow(view, '[part="affected-people"]')!.textContent).to.include('Nog niet vastgelegd');
    const before = (await handler.listTasks(caseId)).items.length;
    expect(taskLabels(view)).to.not.include('Steun voor uw naasten aangeboden');
    await expectAccessible(view);

    await click(view, '#affected-self');
    await click(view, '#affected-children');
    await click(view, '[part="affected-button"]');
    await untilText(view, 'Vastgelegd. Er kwam 1 taak bij.');
    expect(shadow(view, '[part="affected-people"]')!.textContent!.trim()).to.equal('De melder zelf, Kinderen');
    expect(taskLabels(view)).to.include('Steun voor uw naasten aangeboden');
    expect((await handler.getCase(caseId)).affectedPeople).to.deep.equal(['self', 'children']);
    expect((await handler.listTasks(caseId)).items.length).to.equal(before + 1);
    await expectAccessible(view);

    const english = await openView(caseId, 'en');
    await untilText(english, 'Who is affected');
    expect(shadow(english, '[part="affected-people"]')!.textContent!.trim()).to.equal('The reporter, Children');
    expect(shadow<HTMLInputElement>(english, '#affected-children')!.checked).to.equal(true);
    await expectAccessible(english);
  });

  it('shows the check-ins, an answer "onveilig" in words, and the sealed free text once the key opens it', async function () {
    this.timeout(60_000);
    const marker = `nazorg-${crypto.randomUUID()}`;
    const { caseId, receipt } = await report(marker);
    const view = await openView(caseId);
    await untilText(view, 'Nazorg: contactmomenten');
    expect(shadowAll(view, '[part="check-ins"] > li').length).to.equal(4);
    expect(shadowText(view)).to.include('Contactmoment 1');
    expect(shadowText(view)).to.include('gepland');
    await expectAccessible(view);

    const { checkInId } = await clock(caseId, 'check-in-open');
    const words = `Er stond weer een auto ${marker}`;
    await answerCheckIn(receipt, checkInId!, { wellbeing: 'not-well', feelsSafe: 'no', wantsContact: true }, words);
    const answered = await openView(caseId);
    await untilText(answered, 'beantwoord');
    expect(shadowText(answered)).to.include('Onveilig');
    expect(shadowText(answered)).to.include('Niet goed');
    expect(shadowText(answered)).to.include('Ja, wil contact');
    expect(shadowText(answered)).to.include('Versleuteld. Open de melding met de sleutel om dit te lezen.');
    expect(shadowText(answered)).to.not.include(words);
    await expectAccessible(answered);

    await importKey(answered);
    await untilText(answered, words);
    await expectAccessible(answered);

    const english = await openView(caseId, 'en');
    await untilText(english, 'Aftercare: check-ins');
    expect(shadowText(english)).to.include('Unsafe');
    await expectAccessible(english);
  });

  it('shows a missed check-in as missed, in words', async function () {
    this.timeout(60_000);
    const { caseId } = await report(`gemist-${crypto.randomUUID()}`);
    await clock(caseId, 'check-in-missed');
    const view = await openView(caseId);
    await untilText(view, 'gemist');
    expect(shadow(view, '[part="check-ins"] .overdue')!.textContent).to.equal('gemist');
    await expectAccessible(view);
    // The job runner makes a task of it at its next poll; the view shows it once it is there.
    await waitUntil(async () => (await handler.listCheckIns(caseId)).items[0]!.taskId !== undefined, 'no task for the missed check-in', { timeout: 20_000 });
  });
});
