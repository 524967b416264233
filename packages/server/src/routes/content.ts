// Localised, cacheable content for the elements.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { negotiateLanguage } from '../http/language.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { sendRepresentation } from '../http/representation.js';

/** The content file is read once at start-up: a repeated request may get the same answer again. */
const REPLAYABLE = { replayable: true };

export async function contentRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const languageOf = ({ params, request }: { params: { lang?: string }; request: FastifyRequest }) =>
    negotiateLanguage(context.content.locales, params.lang, request.headers['accept-language']);

  const documents = [
    ['getNorms', 'norms'],
    ['getSignalChecklist', 'signal-checklist'],
    ['getReportForm', 'report-form'],
  ] as const;
  for (const [operationId, kind] of documents) {
    defineOperation(app, context, operationId, async (call) => {
      const language = languageOf(call);
      return sendRepresentation(call.request, call.reply, context.content.document(kind, language), { language });
    }, REPLAYABLE);
  }

  defineOperation(app, context, 'getSupportContacts', async (call) => {
    const language = languageOf(call);
    const representation = context.content.supportContacts(language, {
      role: call.params.role,
      urgency: call.params.urgency,
      available247: call.params.available247,
      forRelatives: call.params.forRelatives,
      q: call.params.q,
    });
    return sendRepresentation(call.request, call.reply, representation, { language });
  }, REPLAYABLE);
}
