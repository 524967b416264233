#!/usr/bin/env node
// weerbaar-conformance: run the kit against a backend from the command line.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { kitVersion } from './kit-version.js';
import { ExpectedFailuresError, parseExpectedFailures } from './expected-failures.js';
import { formatHtml } from './format/html.js';
import { formatJson } from './format/json.js';
import { formatJunit } from './format/junit.js';
import { formatText } from './format/text.js';
import { BackendUnreachableError, runConformance } from './run.js';
import { PROFILE_IDS, type ConformanceReport, type ProfileId } from './types.js';

/** Exit codes, stable for scripts and CI. */
export const EXIT = { conforms: 0, doesNotConform: 1, usage: 2, unreachable: 3 } as const;

const FORMATS: Record<string, (report: ConformanceReport) => string> = { text: formatText, json: formatJson, junit: formatJunit, html: formatHtml };

const USAGE = `Usage: weerbaar-conformance --base-url URL [options]

Certifies that a backend honours the Weerbaar Reporting API v1.

  --base-url URL             the API base, e.g. https://meld.example.nl/v1 (required)
  --handler-token T          a handler token: enables case management and read-back checks
                             (or set WEERBAAR_HANDLER_TOKEN, which keeps it out of shell history)
  --person-token T           an access token of a signed-in person with the handler role: the access
                             profile grants them the kit's case, excludes them and checks they lose it
                             (or set WEERBAAR_PERSON_TOKEN)
  --auditor-token T          an access token of a person with only the auditor role: checks they read no
                             content, and enables the statistics profile (or set WEERBAAR_AUDITOR_TOKEN)
  --profile LIST             comma-separated: ${PROFILE_IDS.join(',')} (default: all; core is always tested)
  --format FORMAT            text (default), json, junit or html
  --output FILE              write the report to FILE instead of standard output
  --expected-failures FILE   JSON or YAML list of { id, reason }: known failures that do not fail the run
  --max-guess-attempts N     wrong receipts to try (at once, then in a row) before expecting 429 (default 60)
  --webhook-port N           listen on 127.0.0.1:N for the backend's webhooks (configure the backend to send them
                             there) and check them; the shared secret in --webhook-secret or WEERBAAR_WEBHOOK_SECRET
  --help                     show this help
  --version                  print the kit's version

Exit codes: 0 conforms, 1 does not conform, 2 usage error, 3 backend unreachable.
`;

class UsageError extends Error {}

function profilesFrom(list: string | undefined): ProfileId[] | undefined {
  if (list === undefined) return undefined;
  const names = list.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(PROFILE_IDS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown profile ${unknown.join(', ')}; choose from ${PROFILE_IDS.join(', ')}`);
  return names as ProfileId[];
}

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        'handler-token': { type: 'string' },
        'person-token': { type: 'string' },
        'auditor-token': { type: 'string' },
        profile: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'expected-failures': { type: 'string' },
        'max-guess-attempts': { type: 'string' },
        'webhook-port': { type: 'string' },
        'webhook-secret': { type: 'string' },
        help: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.conforms;
  }
  if (values.version) {
    process.stdout.write(`${kitVersion().version}\n`);
    return EXIT.conforms;
  }
  try {
    const baseUrl = values['base-url'];
    if (!baseUrl) throw new UsageError('--base-url is required');
    if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, not "${baseUrl}"`);
    const format = FORMATS[values.format];
    if (!format) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
    const maxGuessAttempts = values['max-guess-attempts'] === undefined ? undefined : Number(values['max-guess-attempts']);
    if (maxGuessAttempts !== undefined && (!Number.isInteger(maxGuessAttempts) || maxGuessAttempts < 1)) throw new UsageError('--max-guess-attempts must be a positive integer');
    const webhookPort = values['webhook-port'] === undefined ? undefined : Number(values['webhook-port']);
    const webhookSecret = values['webhook-secret'] ?? process.env.WEERBAAR_WEBHOOK_SECRET;
    if (webhookPort !== undefined && (!Number.isInteger(webhookPort) || webhookPort < 1 || webhookPort > 65535)) throw new UsageError('--webhook-port must be a port number');
    if (webhookPort !== undefined && !webhookSecret?.startsWith('whsec_')) throw new UsageError('--webhook-port needs the shared whsec_ secret (--webhook-secret or WEERBAAR_WEBHOOK_SECRET)');
    let expectedFailures;
    if (values['expected-failures']) {
      const text = await readFile(values['expected-failures'], 'utf8').catch((error: Error) => {
        throw new UsageError(`cannot read ${values['expected-failures']}: ${error.message}`);
      });
      expectedFailures = parseExpectedFailures(text);
    }

    const report = await runConformance({
      baseUrl,
      handlerToken: values['handler-token'] ?? process.env.WEERBAAR_HANDLER_TOKEN,
      personToken: values['person-token'] ?? process.env.WEERBAAR_PERSON_TOKEN,
      auditorToken: values['auditor-token'] ?? process.env.WEERBAAR_AUDITOR_TOKEN,
      profiles: profilesFrom(values.profile),
      expectedFailures,
      maxGuessAttempts,
      ...(webhookPort !== undefined ? { webhookReceiver: { port: webhookPort, secret: webhookSecret! } } : {}),
    });
    const rendered = format(report);
    if (values.output) {
      await writeFile(values.output, rendered);
      const { summary } = report;
      process.stderr.write(
        `${report.conforms ? 'conforms' : 'does NOT conform'}: ${summary.passed} passed, ${summary.failed} failed, ${summary.warning} warnings, ${summary.skipped} skipped, ${summary.expectedFailure} expected failures; report written to ${values.output}\n`,
      );
    } else {
      process.stdout.write(rendered);
    }
    return report.conforms ? EXIT.conforms : EXIT.doesNotConform;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExpectedFailuresError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof BackendUnreachableError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.unreachable;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
