// Dilemmas (contract 1.2, capability `dilemmas`): the anonymous drop and its read code (public,
// rate limited like reports and receipts), the editors' submissions and cards, and the public
// cards — the shipped ones first, then those an editor published.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { represent } from '../content/catalogue.js';
import type { Actor } from '../domain/access.js';
import { recordAuditEntry } from '../domain/audit.js';
import {
  dilemmaDeleteAfter,
  dilemmasOffered,
  draftView,
  holdsSubmittedText,
  publishedCard,
  readCodeHash,
  requireDilemmaEditor,
  submissionView,
} from '../domain/dilemmas.js';
import { refusePlainWhenRequired, requireCurrentKey } from '../domain/encryption-checks.js';
import { claimIdempotently } from '../domain/idempotent-claim.js';
import { negotiateLanguage } from '../http/language.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { ProblemError } from '../http/problems.js';
import { sendRepresentation } from '../http/representation.js';
import { clientKey, enforceRateLimit, takeRateLimit } from '../security/client-key.js';
import { authenticateCaller } from '../security/caller.js';
import { generateReceipt, normaliseReceipt } from '../security/receipts.js';
import { randomId } from '../security/tokens.js';
import { sendReceipt } from './reports.js';

export async function dilemmaRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const { config, dilemmas, limits, secret } = context;
  const offered = () => dilemmasOffered(config);
  const editors = {
    offered,
    authenticate: async (request: FastifyRequest): Promise<Actor> => {
      const caller = await authenticateCaller(context, request);
      requireDilemmaEditor(config, caller);
      return caller;
    },
  };
  const audit = (auth: Actor, action: string, details: Record<string, string>) =>
    recordAuditEntry(context, { actor: auth.actor, ...(auth.sessionId ? { sessionId: auth.sessionId } : {}), action, details });
  const editedCard = async (cardId: string) => {
    const card = await dilemmas.card(cardId);
    if (!card) throw new ProblemError('not-found');
    return card;
  };

  defineOperation(
    app,
    context,
    'submitDilemma',
    async ({ request, reply, params, body }) => {
      const client = clientKey(context, request);
      await enforceRateLimit(limits.dilemmasPerClient, client);
      if (body.encryptedContent) requireCurrentKey(context, body.encryptedContent.keyId);
      else refusePlainWhenRequired(context);
      await takeRateLimit(limits.dilemmasPerClient, client);
      const { answer, replayed } = await claimIdempotently(context, `dilemma:${params['Idempotency-Key']}`, body, async (claim) => {
        const readCode = body.wantsReadCode ? generateReceipt() : undefined;
        const receivedAt = context.now();
        const acknowledgement: Schema<'DilemmaAcknowledgement'> = { receivedAt, deleteAfter: dilemmaDeleteAfter(config, receivedAt), ...(readCode ? { readCode } : {}) };
        const json = JSON.stringify(acknowledgement);
        await dilemmas.createSubmission(
          {
            id: randomId('dl_'),
            receivedAt,
            deleteAfter: acknowledgement.deleteAfter,
            role: body.role,
            theme: body.theme,
            ...(body.locale ? { locale: body.locale } : {}),
            ...(body.content ? { content: body.content } : {}),
            ...(body.encryptedContent ? { encryptedContent: body.encryptedContent } : {}),
            ...(readCode ? { readCodeHash: await readCodeHash(secret, normaliseReceipt(readCode)!) } : {}),
          },
          claim.completion(json),
        );
        return json;
      });
      return sendReceipt(reply, answer, replayed);
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'readDilemma',
    async ({ request, body }) => {
      // Every attempt takes a failure first (as receipts do, follow-up.ts); a known code gives it back.
      const failure = await takeRateLimit(limits.dilemmaReadFailuresPerClient, clientKey(context, request));
      const normalised = normaliseReceipt(body.readCode);
      const found = normalised ? await dilemmas.readCode(await readCodeHash(secret, normalised)) : undefined;
      if (!found?.known) throw new ProblemError('not-found');
      await failure.giveBack();
      const cards = found.published.map(publishedCard);
      const reading: Schema<'DilemmaReading'> = { status: cards.length ? 'published' : 'waiting', cards };
      return reading;
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'getDilemmaCards',
    async ({ request, reply, params }) => {
      const language = negotiateLanguage(context.content.locales, params.lang, request.headers['accept-language']);
      const published = (await dilemmas.publishedCards(language)).map(publishedCard);
      const items = [...context.dilemmaCards.cards(language), ...published].filter(
        (card) => (!params.role || card.text.roles.includes(params.role)) && (!params.theme || card.text.theme === params.theme),
      );
      const collection: Schema<'DilemmaCardCollection'> = { language, items };
      return sendRepresentation(request, reply, represent(collection), { language, revalidateEveryUse: true });
    },
    { offered },
  );

  defineOperation(
    app,
    context,
    'listDilemmas',
    async () => {
      const cards = await dilemmas.cards();
      const items = (await dilemmas.submissions()).map((dilemma) =>
        submissionView(
          dilemma,
          cards.filter((card) => card.submissionId === dilemma.id).map((card) => card.id),
        ),
      );
      return { items };
    },
    editors,
  );

  defineOperation(app, context, 'listDilemmaDrafts', async () => ({ items: (await dilemmas.cards()).map(draftView) }), editors);

  defineOperation(
    app,
    context,
    'createDilemmaDraft',
    async ({ body, auth, send }) => {
      const submission = body.submissionId ? await dilemmas.submission(body.submissionId) : undefined;
      if (body.submissionId && !submission) throw new ProblemError('not-found');
      const at = context.now();
      const card = {
        id: randomId('dc_'),
        ...(submission ? { submissionId: submission.id } : {}),
        ...(submission?.readCodeHash ? { readCodeHash: submission.readCodeHash } : {}),
        status: 'draft' as const,
        text: body.text,
        createdAt: at,
        updatedAt: at,
      };
      await dilemmas.createCard(card);
      await audit(auth, 'dilemma-draft-created', { cardId: card.id, ...(submission ? { submissionId: submission.id } : {}) });
      return send(201, draftView(card));
    },
    editors,
  );

  defineOperation(
    app,
    context,
    'updateDilemmaDraft',
    async ({ params, body, auth }) => {
      const at = context.now();
      if (!(await dilemmas.updateCardText(params.cardId, body.text, at))) throw new ProblemError('not-found');
      await audit(auth, 'dilemma-draft-edited', { cardId: params.cardId });
      return draftView(await editedCard(params.cardId));
    },
    editors,
  );

  defineOperation(
    app,
    context,
    'publishDilemmaCard',
    async ({ params, auth }) => {
      const card = await editedCard(params.cardId);
      const submission = card.submissionId ? await dilemmas.submission(card.submissionId) : undefined;
      if (submission?.content && holdsSubmittedText(card.text, submission.content)) throw new ProblemError('unedited-submission');
      if (await dilemmas.setPublished(card.id, true, context.now())) await audit(auth, 'dilemma-card-published', { cardId: card.id });
      return draftView(await editedCard(card.id));
    },
    editors,
  );

  defineOperation(
    app,
    context,
    'unpublishDilemmaCard',
    async ({ params, auth }) => {
      const card = await editedCard(params.cardId);
      if (await dilemmas.setPublished(card.id, false, context.now())) await audit(auth, 'dilemma-card-unpublished', { cardId: card.id });
      return draftView(await editedCard(card.id));
    },
    editors,
  );
}
