// The contract itself and the discovery document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openapiDocument } from '@weerbaar/spec';
import type { FastifyInstance } from 'fastify';
import { represent, type Representation } from '../content/catalogue.js';
import { discoveryDocument } from '../domain/discovery.js';
import { defineOperation, type ApiRoutesOptions } from '../http/operation.js';
import { sendRepresentation } from '../http/representation.js';

/** The contract and discovery do not change while the server runs (discovery is made once, on first use). */
const REPLAYABLE = { replayable: true };

export async function metaRoutes(app: FastifyInstance, { context }: ApiRoutesOptions): Promise<void> {
  const json = represent(openapiDocument, { lasting: true });
  const yamlText = readFileSync(createRequire(import.meta.url).resolve('@weerbaar/spec/openapi.yaml'), 'utf8');
  const yaml: Representation = { json: yamlText, etag: represent(yamlText).etag, lasting: true };
  let discovery: Representation | undefined;

  defineOperation(app, context, 'getOpenApiJson', async ({ request, reply }) => sendRepresentation(request, reply, json), REPLAYABLE);
  defineOperation(app, context, 'getOpenApiYaml', async ({ request, reply }) =>
    sendRepresentation(request, reply, yaml, { mediaType: 'application/yaml; charset=utf-8' }),
    REPLAYABLE,
  );
  defineOperation(app, context, 'getDiscovery', async ({ request, reply }) => {
    // Built on first use: the public address is known only once the server listens.
    discovery ??= represent(discoveryDocument(context), { lasting: true });
    return sendRepresentation(request, reply, discovery);
  }, REPLAYABLE);
}
