// A real TCP forwarder whose port stays put while the server behind it is killed and restarted on
// another port (the client keeps one base URL, as behind a load balancer). Unlike the HTTP proxy in
// proxy.ts it passes the bytes through untouched, so a connection dies exactly when the server's
// does; hooks see the bytes on the way and can hold an answer back so that it never arrives.
import { connect, createServer, type Socket } from 'node:net';

export interface ProxiedConnection {
  /** Everything the client has sent on this connection so far (latin1, so bytes map to characters). */
  readonly requestText: string;
  /** Everything the server has sent on this connection so far, held-back bytes included. */
  readonly answerText: string;
  /** Ends both sides at once: the client sees the connection die without (the rest of) an answer. */
  cut(): void;
}

export interface TcpProxyHooks {
  /** Sees each chunk from the client right after it went on to the server. */
  afterRequestBytes?(connection: ProxiedConnection, chunk: Buffer): void;
  /** Sees each chunk from the server before the client does; `false` holds it back for good. */
  beforeAnswerBytes?(connection: ProxiedConnection, chunk: Buffer): boolean;
}

export interface TcpProxy {
  /** `http://127.0.0.1:PORT` of the proxy, the same for its whole life. */
  origin: string;
  /** Every connection it has forwarded, oldest first. */
  readonly connections: readonly ProxiedConnection[];
  /** New connections go to this port from now on (open ones stay where they are). */
  retarget(port: number): void;
  close(): Promise<void>;
}

/** Starts a forwarder on 127.0.0.1:0 to `targetPort` on 127.0.0.1. */
export async function startTcpProxy(targetPort: number, hooks: TcpProxyHooks = {}): Promise<TcpProxy> {
  let target = targetPort;
  const sockets = new Set<Socket>();
  const connections: ProxiedConnection[] = [];
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    // Writes made while this connects are queued by the socket; a refused connection cuts the client.
    const upstream = connect({ host: '127.0.0.1', port: target });
    track(client);
    track(upstream);
    let requestText = '';
    let answerText = '';
    const connection: ProxiedConnection = {
      get requestText() {
        return requestText;
      },
      get answerText() {
        return answerText;
      },
      cut() {
        client.destroy();
        upstream.destroy();
      },
    };
    connections.push(connection);
    client.on('data', (chunk: Buffer) => {
      requestText += chunk.toString('latin1');
      upstream.write(chunk);
      hooks.afterRequestBytes?.(connection, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      answerText += chunk.toString('latin1');
      if (hooks.beforeAnswerBytes?.(connection, chunk) === false) return;
      client.write(chunk);
    });
    // A server that closes (or dies: the kernel closes its sockets) closes the client's connection too,
    // after what was already passed on; a client that leaves takes its upstream connection with it.
    upstream.on('end', () => client.end());
    upstream.on('close', () => client.end());
    client.on('end', () => upstream.end());
    client.on('close', () => upstream.destroy());
    client.on('error', () => connection.cut());
    upstream.on('error', () => connection.cut());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    connections,
    retarget(port) {
      target = port;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
