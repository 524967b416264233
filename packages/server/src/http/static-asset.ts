// Static bytes (the elements' CDN files, the site's files, the hosted pages) sent compressed: brotli
// or gzip, as the request's Accept-Encoding prefers, each encoding with its own strong ETag, so a
// cache that kept one encoding revalidates that one (304) and never gets another's bytes for it.
// The compressed bodies are made once: built next to the file (`name.br`, `name.gz`, as the
// elements' build writes them) or, when the build wrote none, compressed on first use and kept.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchMatches, vary } from './headers.js';

export type ContentCoding = 'br' | 'gzip' | 'identity';

export interface EncodedBody {
  coding: ContentCoding;
  body: Buffer;
  etag: string;
}

export interface StaticAsset {
  type: string;
  /** Identity always; `br` and `gzip` when the type compresses and they are smaller. */
  bodies: Partial<Record<ContentCoding, EncodedBody>> & { identity: EncodedBody };
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|yaml)|image\/svg\+xml|image\/x-icon)/;
/** Preferred first when the client weighs several equally (brotli is the smaller of the two). */
const PREFERENCE: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

/**
 * Above this size brotli's best quality costs seconds of CPU (the 300 kB contract: 1.5 s at quality
 * 11, 40 ms at 5, for 14 % more bytes); larger bodies compressed at run time take the faster setting.
 */
const BEST_QUALITY_UP_TO = 64 * 1024;
const compressors = {
  br: (bytes: Buffer) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: bytes.length <= BEST_QUALITY_UP_TO ? constants.BROTLI_MAX_QUALITY : 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes: Buffer) => promisify(gzip)(bytes, { level: constants.Z_BEST_COMPRESSION }),
};
const decompressors = { br: promisify(brotliDecompress), gzip: promisify(gunzip) };
/** The suffix of the file the build writes next to the original. */
export const PRECOMPRESSED_SUFFIX = { br: '.br', gzip: '.gz' } as const;

/** A strong ETag of the bytes. */
function etagOf(identity: Buffer): string {
  return `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
}

/** The ETag of an encoding: the identity's with the coding's name added inside the quotes. */
const codingEtag = (identityEtag: string, coding: 'br' | 'gzip') => `${identityEtag.slice(0, -1)}-${coding}"`;

/** The compressed body for `coding` the build wrote next to `file`, if it is there and decodes to `identity`. */
async function builtBody(file: string, coding: 'br' | 'gzip', identity: Buffer): Promise<Buffer | undefined> {
  try {
    const body = await readFile(file + PRECOMPRESSED_SUFFIX[coding]);
    // Decoding is cheap next to compressing; a stale file (the original rebuilt or edited since) is not used.
    return identity.equals(await decompressors[coding](body)) ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `identity` with its compressed encodings: those the build wrote next to `file` when given, else
 * compressed now. An encoding that saves nothing is left out.
 */
export function staticAsset(identity: Buffer, type: string, file?: string): Promise<StaticAsset> {
  return encodedAsset(identity, type, etagOf(identity), file);
}

/** As `staticAsset`, for bytes that already have their identity ETag (an API representation's). */
export async function encodedAsset(identity: Buffer, type: string, identityEtag: string, file?: string): Promise<StaticAsset> {
  const bodies: StaticAsset['bodies'] = { identity: { coding: 'identity', body: identity, etag: identityEtag } };
  if (COMPRESSIBLE.test(type)) {
    for (const coding of ['br', 'gzip'] as const) {
      const body = (file && (await builtBody(file, coding, identity))) || (await compressors[coding](identity));
      if (body.length < identity.length) bodies[coding] = { coding, body, etag: codingEtag(identityEtag, coding) };
    }
  }
  return { type, bodies };
}

/** Larger files are streamed as they are, uncompressed and without an ETag, instead of being held in memory. */
export const LARGEST_HELD_FILE = 16 * 1024 * 1024;
const heldFiles = new Map<string, { version: string; asset: Promise<StaticAsset> }>();

/**
 * The file as a static asset, made once per version of the file (its size and modification time)
 * and kept; undefined when it is too large to hold.
 */
export async function fileAsset(file: string, type: string): Promise<StaticAsset | undefined> {
  const info = await stat(file);
  if (info.size > LARGEST_HELD_FILE) return undefined;
  const version = `${info.size}:${info.mtimeMs}`;
  const held = heldFiles.get(file);
  if (held?.version === version) return held.asset;
  const asset = readFile(file).then((bytes) => staticAsset(bytes, type, file));
  heldFiles.set(file, { version, asset });
  // A failed read is tried again next time rather than kept.
  asset.catch(() => heldFiles.get(file)?.asset === asset && heldFiles.delete(file));
  return asset;
}

/** The weight (q) the Accept-Encoding header gives each coding; identity is acceptable unless refused. */
function weights(acceptEncoding: string | undefined): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    result.set(name, Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 1) : 0);
  }
  return result;
}

/** The encoding of `asset` to send for this Accept-Encoding (RFC 9110 §12.5.3); identity when nothing else fits. */
export function chooseBody(asset: StaticAsset, acceptEncoding: string | undefined): EncodedBody {
  const accepted = weights(acceptEncoding);
  const weightOf = (coding: ContentCoding): number => accepted.get(coding) ?? (coding === 'identity' ? 1 : (accepted.get('*') ?? 0));
  let best: EncodedBody = asset.bodies.identity;
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    const body = asset.bodies[coding];
    if (body && weightOf(coding) > bestWeight) {
      best = body;
      bestWeight = weightOf(coding);
    }
  }
  // Even "identity;q=0" gets the identity body when nothing else is there: an answer beats a 406.
  return best;
}

/** Sends `asset` in the encoding the request prefers, or 304 when the request holds that encoding's ETag. */
export function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: StaticAsset): FastifyReply {
  const chosen = chooseBody(asset, request.headers['accept-encoding']);
  if (asset.bodies.br || asset.bodies.gzip) vary(reply, 'Accept-Encoding');
  reply.header('ETag', chosen.etag);
  if (ifNoneMatchMatches(request.headers['if-none-match'], chosen.etag)) return reply.code(304).send();
  if (chosen.coding !== 'identity') reply.header('Content-Encoding', chosen.coding);
  return reply.type(asset.type).send(chosen.body);
}
