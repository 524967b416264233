// A body over the limit is refused before it is read (413, `Connection: close`). The client must
// still get to read that answer: closing a socket with unread bytes makes the kernel send a reset,
// which can destroy the answer before the client reads it (it then sees EPIPE or ECONNRESET — the
// fuzz campaign met this now and then). The server closes such connections lingering instead
// (http/lingering-close.ts), and still cuts a client that keeps sending.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { closeHostileConnections, sendHostile } from './helpers/hostile-http.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { idempotencyKey } from './helpers/contract-client.js';

const EIGHT_MIB = Buffer.alloc(8 * 1024 * 1024, 0x61);

/** Opens a raw connection and sends a POST head that announces `length` bytes of JSON body. */
function startOversizedPost(origin: string, length: number, allowHalfOpen = false): Socket {
  const url = new URL(origin);
  const socket = connect({ host: url.hostname, port: Number(url.port), allowHalfOpen });
  socket.write(
    `POST /v1/reports HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
      `Idempotency-Key: ${idempotencyKey()}\r\nContent-Length: ${length}\r\n\r\n`,
  );
  return socket;
}

describe('bodies refused before they are read', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    closeHostileConnections();
    await t.server.stop();
  });

  it('every client sending 8 MiB reads its 413 problem (no reset destroys the answer)', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        const answer = await sendHostile(t.server.origin, {
          method: 'POST',
          path: '/v1/reports',
          headers: [
            ['Content-Type', 'application/json'],
            ['Idempotency-Key', idempotencyKey()],
          ],
          body: EIGHT_MIB,
        });
        outcomes.push(answer.status === 413 && answer.body.status === 413 ? '413 problem' : `${answer.status}`);
      } catch (error) {
        outcomes.push((error as NodeJS.ErrnoException).code ?? String(error));
      }
    }
    assert.deepEqual(outcomes, Array(20).fill('413 problem'));
  });

  it('reads the whole answer, then closes normally, while the client is still sending', async () => {
    const socket = startOversizedPost(t.server.origin, EIGHT_MIB.length);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<string>((resolve) => {
      socket.on('end', () => resolve('end'));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    socket.write(EIGHT_MIB);
    assert.equal(await ended, 'end', 'the server half-closes after its answer instead of resetting');
    const answer = Buffer.concat(received).toString('utf8');
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /\r\nconnection: close\r\n/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { status: number };
    assert.equal(body.status, 413);
    socket.destroy();
  });

  it('cuts a refused client that keeps sending after its answer', { timeout: 30_000 }, async () => {
    // Half-open: the client does not close its side when the server does, and goes on sending.
    const socket = startOversizedPost(t.server.origin, 1024 * 1024 * 1024, true);
    socket.on('error', () => {});
    socket.write(Buffer.alloc(512 * 1024, 0x61));
    // A trickle that never finishes the announced gigabyte: without a bound it would hold the
    // connection until the request timeout (60 s) and this test would time out.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write('a');
    }, 100);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(trickle);
    assert.equal(socket.destroyed, true);
  });
});
