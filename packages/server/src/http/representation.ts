// Public content: cacheable for a short while, revalidated with a strong ETag (304 when unchanged).
// A representation that lasts (a whole document, the contract, discovery) is also sent compressed,
// brotli or gzip as the client prefers, compressed once on first use; one made for a single request
// (a filtered support directory) goes as it is, as compressing it would cost more than it saves.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Representation } from '../content/catalogue.js';
import { ifNoneMatchMatches, vary } from './headers.js';
import { encodedAsset, sendAsset, type StaticAsset } from './static-asset.js';

const PUBLIC_CACHE = 'public, max-age=300';
// Content a person may need gone at once (a dilemma card an editor took off the list, perhaps because
// someone could be recognised in it): any cache may keep it, but must ask again (304) before each use.
const REVALIDATE_CACHE = 'public, no-cache';
const JSON_TYPE = 'application/json; charset=utf-8';

const encoded = new WeakMap<Representation, Promise<StaticAsset>>();

function assetOf(representation: Representation, type: string): Promise<StaticAsset> {
  let asset = encoded.get(representation);
  if (!asset) {
    asset = encodedAsset(Buffer.from(representation.json), type, representation.etag);
    encoded.set(representation, asset);
  }
  return asset;
}

export async function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Representation,
  options: { language?: string; mediaType?: string; revalidateEveryUse?: boolean } = {},
): Promise<FastifyReply> {
  reply.header('Cache-Control', options.revalidateEveryUse ? REVALIDATE_CACHE : PUBLIC_CACHE);
  if (options.language) {
    reply.header('Content-Language', options.language);
    vary(reply, 'Accept-Language');
  }
  const type = options.mediaType ?? JSON_TYPE;
  if (representation.lasting) return sendAsset(request, reply, await assetOf(representation, type));
  reply.header('ETag', representation.etag);
  if (ifNoneMatchMatches(request.headers['if-none-match'], representation.etag)) return reply.code(304).send();
  return reply.type(type).send(representation.json);
}
