// Calls the compiler must refuse. `npm run lint` type-checks this file (it is in tsconfig.json);
// an `@ts-expect-error` line that is not an error fails the type-check, so each one below is proven.
// The file only needs to compile: nothing here runs.
import { createClient, WeerbaarApiError, type PlainReportSubmission, type ReportReceipt } from '../src/index.js';
import { createHandlerClient } from '../src/handler.js';
import { openReportContent } from '../src/crypto.js';

export async function wrongCalls() {
  const client = createClient({ baseUrl: 'https://meld.voorbeeldstad.nl/v1' });
  const handler = createHandlerClient({ baseUrl: 'https://meld.voorbeeldstad.nl/v1', token: 'wbh_x' });

  // The spec's own PlainReport example is a valid argument (a literal copy: fixtures are untyped JSON).
  const example: PlainReportSubmission = {
    role: 'administrator',
    category: 'bribery',
    locale: 'nl',
    consents: ['privacy-statement'],
    content: {
      description: 'Na de raadsvergadering bood een projectontwikkelaar mij een envelop met geld aan.',
      occurredOn: '2026-11-24',
      location: 'Parkeerplaats achter het gemeentehuis',
      involvedParties: 'Een man van ongeveer vijftig jaar.',
      answers: { reportedToPolice: 'no', witnesses: 'Mijn secretaris zag ons praten.' },
      checkedSignals: ['bribery-gift-offered'],
      contact: { name: 'J. de Vries', phone: '+31612345678', preferredChannel: 'phone' },
    },
  };
  const receipt: ReportReceipt = await client.submitReport(example, { idempotencyKey: crypto.randomUUID() });
  receipt.acknowledgeDueAt satisfies string;

  // @ts-expect-error a baseUrl is required
  createClient({});
  // @ts-expect-error retry is a number of retries
  createClient({ baseUrl: 'https://x.example/v1', retry: 'yes' });
  // @ts-expect-error a handler client needs a token
  createHandlerClient({ baseUrl: 'https://x.example/v1' });

  // @ts-expect-error the role must be one of the contract's roles
  await client.submitReport({ ...example, role: 'mayor' });
  // @ts-expect-error the category must be one of the contract's categories
  await client.submitReport({ ...example, category: 'fraud' });
  // @ts-expect-error the content needs a description
  await client.submitReport({ role: 'other', category: 'other', content: {} });
  // @ts-expect-error unknown fields are refused, as the contract refuses them
  await client.submitReport({ ...example, reporterName: 'J. de Vries' });
  // @ts-expect-error the SDK seals content itself: callers pass plain content, never an envelope
  await client.submitReport({ role: 'other', category: 'other', encryptedContent: { keyId: 'k', suite: 'x', enc: 'e', ciphertext: 'c' } });
  // @ts-expect-error contact details need a preferred channel
  await client.submitReport({ ...example, content: { description: 'x', contact: { email: 'a@b.nl' } } });
  // @ts-expect-error the idempotency key is a string
  await client.submitReport(example, { idempotencyKey: 42 });

  // @ts-expect-error support contacts are filtered by the contract's roles
  await client.getSupportContacts({ role: 'mayor' });
  // @ts-expect-error urgency is emergency, urgent or routine
  await client.getSupportContacts({ urgency: 'now' });
  // @ts-expect-error the receipt is a string
  await client.openFollowUp(1234);

  const session = await client.openFollowUp('7KQ4-M2XP-9RTW-3HVD-C8NA');
  // @ts-expect-error a message is text
  await session.sendMessage({ body: 'x' });
  // @ts-expect-error an attachment is a Blob or File
  await session.addAttachment('foto.jpg');
  // @ts-expect-error the follow-up token is never exposed
  session.token;

  // @ts-expect-error cases are filtered by the contract's statuses
  await handler.listCases({ status: 'open' });
  // @ts-expect-error sort takes the contract's fields only
  await handler.listCases({ sort: 'reporter' });
  // @ts-expect-error the status must be one of the contract's statuses
  await handler.setStatus('c_1', { status: 'done' });
  // @ts-expect-error an outcome must be one of the contract's outcomes
  await handler.setStatus('c_1', { status: 'closed', outcome: 'solved' });
  // @ts-expect-error handlers cannot send a message of kind acknowledgement (use acknowledge)
  await handler.sendMessage('c_1', { body: 'x', kind: 'acknowledgement' });

  const contact = await client.getSupportContacts();
  // @ts-expect-error responses are typed: a support contact has no `score`
  contact.items[0]?.score;

  try {
    await client.discover();
  } catch (error) {
    if (error instanceof WeerbaarApiError) {
      error.status satisfies number;
      error.kind satisfies 'rejected' | 'conflict' | 'in-progress' | 'rate-limited' | 'unavailable' | 'key-rotated';
      error.retryable satisfies boolean;
      // @ts-expect-error the kinds are a closed set
      error.kind === 'timeout';
      // @ts-expect-error field errors are typed
      error.errors[0]?.field;
    }
  }

  // @ts-expect-error opening needs the private key first, then the envelope
  await openReportContent({ keyId: 'k', suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', enc: 'e', ciphertext: 'c' });
}
