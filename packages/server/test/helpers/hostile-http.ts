// Sends requests that fetch would refuse to send (duplicate headers, raw bytes in the path, bodies
// on GET, broken request lines) and reads the answer, failing when none comes in time: a hostile
// request must never hang the server.
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';

export interface HostileRequest {
  method: string;
  /** Path and query as bytes (latin1): anything from 0x21 to 0xff, percent-encoded or not. */
  path: string;
  /** Header pairs in order; a name may repeat. */
  headers: [string, string][];
  body?: Buffer;
}

export interface HostileAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON answers, otherwise the text. */
  body: any;
  bytes: Buffer;
}

/** Longer than any honest answer takes on a busy two-core machine, short enough to notice a hang. */
export const ANSWER_TIMEOUT_MS = 15_000;

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function toAnswer(status: number, headerPairs: [string, string][], bytes: Buffer): HostileAnswer {
  const headers = new Headers();
  for (const [name, value] of headerPairs) headers.append(name, value);
  const type = headers.get('content-type') ?? '';
  let body: unknown = bytes.toString('utf8');
  if (/json/.test(type) && bytes.length > 0) {
    try {
      body = JSON.parse(body as string);
    } catch {
      // Left as text: the caller's contract check reports it.
    }
  }
  return { status, headers, body, bytes };
}

function timeoutError(what: string): Error {
  return new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms: ${what.slice(0, 300)}`);
}

/** Sends one request over HTTP/1.1 with node:http, headers exactly as given. */
export function sendHostile(origin: string, hostile: HostileRequest): Promise<HostileAnswer> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    // With headers given as a list, node:http adds no Host header of its own.
    const flat: string[] = ['Host', url.host];
    for (const [name, value] of hostile.headers) flat.push(name, value);
    if (hostile.body && !hostile.headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name))) {
      flat.push('Content-Length', String(hostile.body.length));
    }
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      method: hostile.method,
      path: hostile.path,
      headers: flat,
      agent,
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(timeoutError(`${hostile.method} ${hostile.path}`));
    }, ANSWER_TIMEOUT_MS);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        const pairs: [string, string][] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) pairs.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
        resolve(toAnswer(response.statusCode ?? 0, pairs, Buffer.concat(chunks)));
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // The server may answer (413, 415) before it has read a large body; a write error after the
    // answer arrived changes nothing, as the promise is settled by then.
    request.end(hostile.body);
  });
}

/**
 * Writes bytes as they are to a fresh connection and parses the one answer (status line,
 * headers, a Content-Length body): for requests no HTTP client would produce.
 */
export function sendRawBytes(origin: string, bytes: Buffer): Promise<HostileAnswer> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError(bytes.toString('latin1')));
    }, ANSWER_TIMEOUT_MS);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP answer to ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}: ${JSON.stringify(all.toString('latin1'))}`));
      const [statusLine, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
      const pairs = lines.map((line): [string, string] => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
      const length = Number(pairs.find(([name]) => name.toLowerCase() === 'content-length')?.[1] ?? all.length - end - 4);
      resolve(toAnswer(status, pairs, all.subarray(end + 4, end + 4 + length)));
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One answer is all we wait for: stop once its body is complete.
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(all.subarray(0, end).toString('latin1'))?.[1];
      if (length !== undefined && all.length >= end + 4 + Number(length)) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('close', () => {
      if (chunks.length === 0 && !done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`the connection closed without an answer: ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`));
      }
    });
    socket.on('error', () => {
      // A reset after the answer was written is fine; without an answer, `close` reports it.
    });
    socket.end(bytes);
  });
}

export function closeHostileConnections(): void {
  agent.destroy();
}
