// Dilemmas (contract 1.2, capability `dilemmas`), with the handler token as the editor: a shared
// dilemma is accepted (with a read code once, when asked) and bad input refused with a problem and
// nothing stored; the public cards are readable and revalidate with their ETag; and a card is never
// published holding a shared dilemma's text unchanged — the backend refuses it, and the text never
// reaches the public cards — while a rewritten card is published.
import { randomUUID } from 'node:crypto';
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';
import { HPKE_SUITE, seal } from '../hpke.js';
import { mediaTypeOf } from '../http.js';

const DROP = 'WRA-DIL-01';
const REFUSED = 'WRA-DIL-02';
const CARDS = 'WRA-DIL-03';
const NEVER_RAW = 'WRA-DIL-04';

const READ_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,14}$/;

/** A synthetic dilemma, sealed to the backend's key when it refuses plain content. */
async function dilemmaBody(context: RunContext, situation: string): Promise<Record<string, unknown>> {
  const base = { role: 'council-member', theme: 'gifts-and-hospitality', wantsReadCode: true };
  const encryption = context.discovery?.capabilities.encryption;
  if (!encryption?.required) return { ...base, content: { situation } };
  const sealed = await seal(encryption.publicKey, 'weerbaar/v1 dilemma', JSON.stringify({ situation }));
  return { ...base, encryptedContent: { keyId: encryption.keyId, suite: HPKE_SUITE, ...sealed } };
}

async function run(context: RunContext): Promise<void> {
  const { record, client } = context;
  const editor = context.handlerHeaders;
  const situation = `Synthetische conformancetest ${randomUUID()}: een aannemer biedt kaarten aan voor de wedstrijd.`;
  const listed = async () => ((await client.send({ operationId: 'listDilemmas', headers: editor })).json as Schema<'DilemmaList'> | undefined)?.items ?? [];

  const before = (await listed()).length;
  const shared = await client.send({ operationId: 'submitDilemma', headers: { 'Idempotency-Key': context.newIdempotencyKey() }, json: await dilemmaBody(context, situation) });
  const acknowledgement = shared.json as Schema<'DilemmaAcknowledgement'> | undefined;
  if (acknowledgement?.readCode) context.secrets.addReceipt(acknowledgement.readCode);
  record.expect(
    DROP,
    shared.status === 201 && READ_CODE.test(acknowledgement?.readCode ?? ''),
    shared.status === 201 ? 'the answer has no read code, though one was asked for' : `POST /dilemmas answered ${shared.status}, not 201`,
    context.evidence(shared),
    'a shared dilemma is accepted with its read code, once',
  );

  const bad = await client.send({ operationId: 'submitDilemma', headers: { 'Idempotency-Key': context.newIdempotencyKey() }, json: { role: 'council-member', theme: 'not-a-theme', content: { situation } } });
  const after = await listed();
  const problem = mediaTypeOf(bad.headers) === 'application/problem+json';
  record.expect(
    REFUSED,
    bad.status === 400 && problem && after.length === before + (shared.status === 201 ? 1 : 0),
    bad.status !== 400 || !problem ? `a dilemma with an unknown theme answered ${bad.status} (${bad.headers.get('content-type')}), not a 400 problem` : 'a refused dilemma was stored anyway',
    context.evidence(bad),
    'a dilemma with an unknown theme is refused with a 400 problem, and nothing is stored',
  );

  const cards = await client.send({ operationId: 'getDilemmaCards' });
  const etag = cards.headers.get('etag');
  const again = etag ? await client.send({ operationId: 'getDilemmaCards', headers: { 'If-None-Match': etag } }) : undefined;
  record.expect(
    CARDS,
    cards.status === 200 && again?.status === 304,
    cards.status !== 200 ? `GET /dilemma-cards answered ${cards.status}` : `revalidating with the ETag answered ${again?.status ?? 'nothing (no ETag)'}, not 304`,
    context.evidence(again ?? cards),
    'the public cards are readable and revalidate with their ETag',
  );

  const submission = after.find((item) => item.content?.situation === situation);
  if (!submission) {
    record.skip(NEVER_RAW, context.discovery?.capabilities.encryption?.required ? 'the backend requires sealed dilemmas, which it cannot compare with a card' : 'the shared dilemma was not listed');
    return;
  }
  const text = { language: 'nl', roles: ['council-member'], theme: 'gifts-and-hospitality', title: 'Conformancetest', situation, questions: ['Wat doet u?'] };
  const draft = await client.send({ operationId: 'createDilemmaDraft', headers: editor, json: { submissionId: submission.submissionId, text } });
  const cardId = (draft.json as Schema<'DilemmaDraft'> | undefined)?.cardId ?? 'none';
  const raw = await client.send({ operationId: 'publishDilemmaCard', headers: editor, pathParams: { cardId } });
  const publicText = async () => (await client.send({ operationId: 'getDilemmaCards', query: { lang: 'nl' } })).text;
  const leaked = (await publicText()).includes(situation);
  await client.send({ operationId: 'updateDilemmaDraft', headers: editor, pathParams: { cardId }, json: { text: { ...text, situation: 'Iemand die baat heeft bij een besluit biedt u kaarten aan.' } } });
  const rewritten = await client.send({ operationId: 'publishDilemmaCard', headers: editor, pathParams: { cardId } });
  record.expect(
    NEVER_RAW,
    raw.status === 409 && !leaked && rewritten.status === 200 && !(await publicText()).includes(situation),
    raw.status !== 409 ? `publishing a card that holds the shared text unchanged answered ${raw.status}, not 409` : leaked ? 'the shared text appears in the public cards' : `publishing the rewritten card answered ${rewritten.status}, not 200`,
    context.evidence(raw.status !== 409 ? raw : rewritten),
    'a card holding the shared text is refused and never public; the rewritten card is published',
  );
  await client.send({ operationId: 'unpublishDilemmaCard', headers: editor, pathParams: { cardId } });
}

export const dilemmasModule: ConformanceModule = {
  id: 'dilemmas',
  profile: 'dilemmas',
  title: 'Dilemmas shared anonymously, published as cards only when rewritten',
  checks: [
    { id: DROP, title: 'A shared dilemma is accepted (201), with a read code when one is asked for.', requirement: 'paths./dilemmas.post; components.schemas.DilemmaAcknowledgement', severity: 'MUST' },
    { id: REFUSED, title: 'A dilemma with bad input is refused with a 400 problem, and nothing is stored.', requirement: 'paths./dilemmas.post', severity: 'MUST' },
    { id: CARDS, title: 'The public cards are readable and revalidate with their ETag (304).', requirement: 'paths./dilemma-cards', severity: 'MUST' },
    { id: NEVER_RAW, title: 'A card that still holds a shared dilemma\'s text is never published (409); once rewritten it is.', requirement: 'paths./dilemma-drafts/{cardId}/publication', severity: 'MUST' },
  ],
  run,
};
