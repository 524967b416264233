// A real HTTP receiver of webhook events: keeps what arrives, answers the statuses a test queues
// (204 otherwise), and checks a delivery's Standard Webhooks signature.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ArrivedEvent {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  arrived: ArrivedEvent[];
  /** Statuses to answer the next deliveries with, in order. */
  answers: number[];
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const arrived: ArrivedEvent[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = answers.shift() ?? 204;
      arrived.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    arrived,
    answers,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The signature a delivery must carry: `v1,` and the base64 HMAC-SHA256 of "id.timestamp.body". */
export function expectedSignature(secretBytes: Buffer, { headers, body }: ArrivedEvent): string {
  return `v1,${createHmac('sha256', secretBytes).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64')}`;
}
