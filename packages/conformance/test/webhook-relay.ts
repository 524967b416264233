// The kit's webhook receiver behind a relay: the backend sends its webhooks here, and the relay
// passes them on to the kit, breaking them when a test asks for a fault of the notifications.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forward, withoutHopByHop, type Fault } from './fault-proxy.js';

/** The category the kit's synthetic reports have (the spec's minimal anonymous fixture). */
const KIT_REPORT_CATEGORY = 'threat-intimidation';

export interface WebhookRelay {
  /** Where the backend sends its webhooks. */
  url: string;
  close(): Promise<void>;
}

/**
 * Relays the backend's webhooks to the kit's receiver on 127.0.0.1:`kitPort`; with the
 * 'category-in-webhook' fault it adds the report's category to each event and signs it again with
 * the shared secret, so that only what the event says gives it away.
 */
export async function startWebhookRelay(kitPort: number, secret: string, fault?: Fault): Promise<WebhookRelay> {
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      let body = Buffer.concat(chunks);
      const headers = withoutHopByHop(incoming.headers);
      if (fault === 'drops-change-events' && /^nl\.weerbaar\.case\.(acknowledged|feedback-given|closed)$/.test(String((JSON.parse(body.toString('utf8')) as { type?: unknown }).type))) {
        outgoing.writeHead(204).end();
        return;
      }
      if (fault === 'category-in-webhook') {
        const event = JSON.parse(body.toString('utf8')) as { data: Record<string, unknown> };
        event.data.category = KIT_REPORT_CATEGORY;
        body = Buffer.from(JSON.stringify(event));
        const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
        headers['webhook-signature'] = `v1,${createHmac('sha256', key).update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.`).update(body).digest('base64')}`;
      }
      try {
        const answer = await forward(new URL(`http://127.0.0.1:${kitPort}`), 'POST', incoming.url ?? '/', headers, body);
        outgoing.writeHead(answer.status).end();
      } catch {
        outgoing.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
