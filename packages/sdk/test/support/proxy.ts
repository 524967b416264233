// A real HTTP proxy in front of a backend, to make the network misbehave on purpose: fail the first
// attempts, answer slowly, or change what discovery advertises. It records every request it saw.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
}

/** Returns true when it answered the request itself; otherwise the request goes to the backend. */
export type Interceptor = (request: SeenRequest, response: ServerResponse, attempt: number) => boolean | Promise<boolean>;

export interface Proxy {
  apiUrl: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

/**
 * @param target the backend's API base (`…/v1`)
 * @param intercept decides per request; `attempt` counts the requests to the same method and path, from 1
 * @param rewrite changes a JSON answer from the backend before it is passed on
 */
export async function startProxy(target: string, { intercept, rewrite }: { intercept?: Interceptor; rewrite?: (path: string, body: unknown) => unknown } = {}): Promise<Proxy> {
  const seen: SeenRequest[] = [];
  const attempts = new Map<string, number>();
  const targetUrl = new URL(target);
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (request.url ?? '/').replace(/^\/v1/, '');
    const record: SeenRequest = { method: request.method ?? 'GET', path, headers: request.headers, body: body.toString('utf8'), status: 0 };
    seen.push(record);
    response.on('finish', () => (record.status = response.statusCode));
    const key = `${record.method} ${path.split('?')[0]}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    try {
      if (intercept && (await intercept(record, response, attempt))) return;
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value);
      }
      const upstream = await fetch(`${targetUrl.origin}${targetUrl.pathname}${path}`, {
        method: record.method,
        headers,
        body: ['GET', 'HEAD'].includes(record.method) ? undefined : body,
      });
      let payload = Buffer.from(await upstream.arrayBuffer());
      if (rewrite && upstream.headers.get('content-type')?.includes('json') && payload.length > 0) {
        payload = Buffer.from(JSON.stringify(rewrite(path, JSON.parse(payload.toString('utf8')))));
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
      });
      response.writeHead(upstream.status, { ...out, 'content-length': String(payload.length) });
      response.end(payload);
    } catch (error) {
      response.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiUrl: `http://127.0.0.1:${port}/v1`,
    seen,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Answers like an overloaded backend: a problem with `Retry-After`. */
export function answerProblem(response: ServerResponse, status: number, retryAfterSeconds?: number) {
  response.writeHead(status, {
    'content-type': 'application/problem+json',
    'api-version': '1.0.0',
    'request-id': 'proxy-injected',
    ...(retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {}),
  });
  response.end(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status, detail: 'Injected by the test proxy.' }));
}

/** Breaks the connection without an answer, like a network failure. */
export function dropConnection(response: ServerResponse) {
  response.socket?.destroy();
}

/** Proxies in front of one backend, started as a test needs them and stopped together after the suite. */
export function proxyPool(target: () => string) {
  const started: Proxy[] = [];
  return {
    async start(options?: Parameters<typeof startProxy>[1]): Promise<Proxy> {
      const proxy = await startProxy(target(), options);
      started.push(proxy);
      return proxy;
    },
    stopAll: () => Promise.all(started.map((proxy) => proxy.stop())),
  };
}
