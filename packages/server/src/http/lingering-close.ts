// A refused body (over the limit, not parseable) is answered before it is read, and the answer
// says `Connection: close`. Closing a socket whose kernel buffer still holds unread bytes makes
// the kernel send a reset instead of a normal close, and a reset that reaches the client before it
// has read the answer destroys the answer: the client sees "connection reset" or "broken pipe"
// instead of its 413 problem. So such a connection is closed the way RFC 9112 §9.6 asks: the
// answer first, then a half close (FIN), then the rest of the body is read and discarded until
// the client closes too — bounded in time, so a client that keeps sending cannot hold it open.
import type { Socket } from 'node:net';

/** How long a refused client may keep sending after its answer before the connection is cut. */
export const LINGER_MS = 5_000;

const lingering = new WeakSet<Socket>();

/**
 * Makes the HTTP server's coming close of `socket` (it calls `destroySoon` once an answer with
 * `Connection: close` is written) a lingering one. Bytes still arriving are consumed by the HTTP
 * parser, which already discards a request body nobody reads.
 */
export function lingerOnClose(socket: Socket): void {
  if (lingering.has(socket) || socket.destroyed) return;
  lingering.add(socket);
  socket.destroySoon = function destroyAfterLingering(this: Socket): void {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    // The client has read its answer and closed its side: nothing is left to lose.
    this.once('end', () => this.destroy());
    this.once('close', () => clearTimeout(timer));
  };
}
