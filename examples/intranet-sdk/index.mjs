// An intranet app's use of @weerbaar/sdk, end to end: a civil servant submits a report and follows it
// up; the integrity officer reads it (opening it when it is end-to-end encrypted), acknowledges it and
// asks a question; the reporter reads the answer. See README.md for how to run it.
//
// Everything here is invented test data. A real app shows the receipt to the reporter once and never
// logs it: this script does not print it either.
import { readFile } from 'node:fs/promises';
import { createClient, WeerbaarError } from '@weerbaar/sdk';
import { openMessage, openReportContent } from '@weerbaar/sdk/crypto';
import { createHandlerClient } from '@weerbaar/sdk/handler';

// 127.0.0.1 rather than localhost: the server listens on IPv4 only by default.
const baseUrl = process.env.WEERBAAR_API_URL ?? 'http://127.0.0.1:8080/v1';
const handlerToken = process.env.WEERBAAR_HANDLER_TOKEN;
const privateKeyFile = process.env.WEERBAAR_PRIVATE_KEY_FILE;
if (!handlerToken) {
  console.error('Set WEERBAAR_HANDLER_TOKEN to a handler token (see examples/intranet-sdk/README.md).');
  process.exit(2);
}

try {
  // The reporter's side: what the intranet page does.
  const reporter = createClient({ baseUrl, locale: 'nl' });
  const discovery = await reporter.discover();
  const encrypted = Boolean(discovery.capabilities.encryption);
  console.log(`Backend: ${discovery.organisation.name} (API ${discovery.apiVersion}), encryption ${encrypted ? 'on' : 'off'}`);

  const form = await reporter.getReportForm();
  const role = form.roles.find((option) => option.id === 'civil-servant') ?? form.roles[0];
  const category = form.categories.find((option) => option.id === 'undue-pressure') ?? form.categories[0];
  const receipt = await reporter.submitReport({
    role: role.id,
    category: category.id,
    consents: form.consents.filter((consent) => consent.required).map((consent) => consent.id),
    content: {
      description: 'Een aanvrager zei bij het loket dat hij weet waar mijn kinderen op school zitten, als ik zijn vergunning niet snel behandel.',
      occurredPeriod: 'vorige week dinsdag',
    },
  });
  console.log(`Report stored (${role.label}, ${category.label}); acknowledge by ${receipt.acknowledgeDueAt}, feedback by ${receipt.feedbackDueAt}`);

  const session = await reporter.openFollowUp(receipt.receipt);
  await session.sendMessage('Hij heeft vandaag opnieuw gebeld.');
  console.log(`Follow-up: status ${(await session.getCase()).status}, reply sent`);

  // The integrity officer's side: a case-management tool with a handler token.
  const handler = createHandlerClient({ baseUrl, token: handlerToken });
  const { items } = await handler.listCases({ status: 'received', sort: '-receivedAt' });
  const found = await handler.getCase(items[0].caseId);
  if (found.encryptedContent && privateKeyFile) {
    const privateKey = JSON.parse(await readFile(privateKeyFile, 'utf8'));
    const content = await openReportContent(privateKey, found.encryptedContent);
    const reply = found.messages.find((message) => message.from === 'reporter');
    console.log(`Handler opened case ${found.reference}: "${content.description.slice(0, 40)}…"; reply: "${await openMessage(privateKey, reply.encryptedBody)}"`);
  } else if (found.content) {
    console.log(`Handler read case ${found.reference}: "${found.content.description.slice(0, 40)}…"`);
  } else {
    console.log(`Handler sees sealed case ${found.reference} (set WEERBAAR_PRIVATE_KEY_FILE to open it)`);
  }
  await handler.acknowledge(found.caseId, 'Wij hebben uw melding ontvangen en nemen haar in behandeling.');
  await handler.sendMessage(found.caseId, { body: 'Kunt u aangeven hoe laat hij belde?', kind: 'question' });

  // The reporter reads the answer, then ends the session.
  const seen = await session.getCase();
  for (const message of seen.messages.filter((item) => item.from === 'handler')) {
    console.log(`Reporter reads (${message.kind}): ${message.body}`);
  }
  console.log(`Case status: ${seen.status}; feedback due by ${seen.deadlines.feedbackDueAt}`);
  await session.close();
} catch (error) {
  // WeerbaarError messages never contain a receipt, token or report content, so they are safe to print.
  console.error(error instanceof WeerbaarError ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
