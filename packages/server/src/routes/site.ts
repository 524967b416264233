// Static files for the demo site (`/`) and the elements' CDN bundle (`/elements/`), under a strict
// Content-Security-Policy: scripts and styles from this origin only, nothing inline. No directory
// listings; a path that leaves the directory is simply not found. Files go out compressed
// (http/static-asset.ts); rollup's content-hashed chunks may be cached for good.
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problems.js';
import { pathOf } from '../http/headers.js';
import { fileAsset, sendAsset } from '../http/static-asset.js';

export const SITE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers of everything a browser shows or runs from this server (besides the API's base headers). */
export function applyPageHeaders(reply: FastifyReply, csp: string, cacheControl: string): void {
  reply.header('Content-Security-Policy', csp);
  reply.header('Cache-Control', cacheControl);
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
}

/** The file under `root` that `urlPath` names, or undefined when it names nothing servable. */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).some((segment) => segment === '..' || segment.startsWith('.') && segment !== '')) {
    return undefined;
  }
  const base = resolve(root);
  let file = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const info = await stat(file);
    if (!info.isFile() || !TYPES[extname(file)]) return undefined;
    return file;
  } catch {
    return undefined;
  }
}

/** Rollup's content-hashed chunk names (`chunks/[name]-[hash].js`): their bytes never change under that name. */
const HASHED_CHUNK = /^\/chunks\/[^/]+-[A-Za-z0-9_-]{8}\.js$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Sends a static file in the coding the request prefers (streamed as it is when too large to hold), with the page headers. */
export async function sendStaticFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  { csp = SITE_CSP, cacheControl = 'no-cache' }: { csp?: string; cacheControl?: string } = {},
): Promise<FastifyReply> {
  applyPageHeaders(reply, csp, cacheControl);
  const type = TYPES[extname(file)]!;
  const asset = await fileAsset(file, type);
  if (asset) return sendAsset(request, reply, asset);
  reply.type(type);
  if (request.method === 'HEAD') return reply.send();
  return reply.send(createReadStream(file));
}

async function serveFrom(root: string | undefined, urlPath: string, request: FastifyRequest, reply: FastifyReply, cacheControlOf: (urlPath: string) => string): Promise<FastifyReply> {
  const file = root && existsSync(root) ? await resolveStaticFile(root, urlPath) : undefined;
  if (!file) throw new ProblemError('not-found');
  return sendStaticFile(request, reply, file, { cacheControl: cacheControlOf(urlPath) });
}

export interface SiteRoutesOptions {
  siteDir: string | undefined;
  elementsDir: string | undefined;
}

export async function siteRoutes(app: FastifyInstance, { siteDir, elementsDir }: SiteRoutesOptions): Promise<void> {
  const elementsCaching = (path: string): string => (HASHED_CHUNK.test(path) ? IMMUTABLE : 'no-cache');
  app.get('/elements/*', async (request, reply) => serveFrom(elementsDir, pathOf(request).slice('/elements'.length), request, reply, elementsCaching));
  if (!siteDir) return;
  app.get('/*', async (request, reply) => serveFrom(siteDir, pathOf(request), request, reply, () => 'no-cache'));
}
