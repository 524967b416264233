// Localised, cacheable content for the elements.
import type { Schema } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { negotiateLanguage } from '../http/language.js';
import { defineOperation, type OperationCall, type ApiRoutesOptions } from '../http/operation.js';
import { sendRepresentation } from '../http/representation.js';

export async function contentRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const languageOf = ({ params, request }: OperationCall<undefined>) =>
    negotiateLanguage(context.content.locales, params.lang as string | undefined, request.headers['accept-language']);

  const documents = [
    ['getNorms', 'norms'],
    ['getSignalChecklist', 'signal-checklist'],
    ['getReportForm', 'report-form'],
  ] as const;
  for (const [operationId, kind] of documents) {
    defineOperation(app, context, operationId, async (call) => {
      const language = languageOf(call);
      return sendRepresentation(call.request, call.reply, context.content.document(kind, language), { language });
    });
  }

  defineOperation(app, context, 'getSupportContacts', async (call) => {
    const language = languageOf(call);
    const representation = context.content.supportContacts(language, {
      role: call.params.role as Schema<'ReporterRole'> | undefined,
      urgency: call.params.urgency as Schema<'SupportUrgency'> | undefined,
      available247: call.params.available247 as boolean | undefined,
      q: call.params.q as string | undefined,
    });
    return sendRepresentation(call.request, call.reply, representation, { language });
  });
}
