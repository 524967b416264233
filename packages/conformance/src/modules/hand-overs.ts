// The chain hand-over (contract 1.2, `caseManagement.protocols`; the CCV model protocol's exits): a
// package for the RIEC without the reporter's recorded consent holds none of their identity — no
// `reporter`, none of the contact details they left, not the report's own text — and a hand-over
// to the RIEC without a legal basis is refused with the field named, recording nothing.
import type { Schema } from '@weerbaar/spec';
import type { ConformanceModule, RunContext } from '../context.js';

const NO_IDENTITY = 'WRA-PRO-06';
const LEGAL_BASIS = 'WRA-PRO-07';

/** A RIEC legal basis from the contract's own example (the convenant and its privacy protocol). */
const RIEC_BASIS = {
  text: 'Convenant RIEC/LIEC en het privacyprotocol daarbij (gezamenlijke verwerkingsverantwoordelijken, AVG art. 26)',
  source: { title: 'Convenant en privacyprotocol RIEC/LIEC' },
};

/** A synthetic report that leaves contact details (in the clear when the backend takes plain content). */
async function contactableReport(context: RunContext): Promise<{ body: Record<string, unknown>; marker: string; identity: string[] }> {
  const { body, marker } = await context.reportBody();
  const content = body.content as Schema<'ReportContent'> | undefined;
  if (!content) return { body, marker, identity: [marker] };
  const contact = { name: `Melder ${marker.slice(-12)}`, email: `melder-${marker.slice(-12)}@conformance.example`, preferredChannel: 'email' as const };
  return { body: { ...body, content: { ...content, contact } }, marker, identity: [contact.name, contact.email, marker] };
}

async function run(context: RunContext): Promise<void> {
  const { record } = context;
  const { body, marker, identity } = await contactableReport(context);
  const exchange = await context.submit(body, context.newIdempotencyKey(), marker);
  const report = context.reports.find((candidate) => candidate.receipt.receipt === (exchange.json as { receipt?: string } | undefined)?.receipt);
  const found = report ? await context.findCase(report) : undefined;
  if (!found) {
    for (const id of [NO_IDENTITY, LEGAL_BASIS]) record.skip(id, `no submitted report could be found through case management (POST /reports answered ${exchange.status})`);
    return;
  }
  const pathParams = { caseId: found.caseId };
  const handOver = (json: unknown) => context.client.send({ operationId: 'createHandOver', headers: context.handlerHeaders, pathParams, json });
  const listed = async () => ((await context.client.send({ operationId: 'listHandOvers', headers: context.handlerHeaders, pathParams })).json as Schema<'HandOverList'> | undefined)?.items.length;

  // Without a legal basis first: refused, naming the field, and nothing recorded.
  const before = await listed();
  const refused = await handOver({ exit: 'riec', summary: 'Synthetische overdracht zonder grondslag.' });
  const pointers = ((refused.json as Schema<'Problem'> | undefined)?.errors ?? []).map((error) => error.pointer);
  const after = await listed();
  record.expect(
    LEGAL_BASIS,
    refused.status === 422 && pointers.includes('/legalBasis') && before === after,
    refused.status !== 422 ? `a RIEC hand-over without a legal basis answered ${refused.status}, not 422` : !pointers.includes('/legalBasis') ? 'the 422 does not name /legalBasis in errors' : 'the refused hand-over was recorded',
    context.evidence(refused),
    'a hand-over to the RIEC without a legal basis is refused (422 naming legalBasis) and changes nothing',
  );

  // With a legal basis and no consent: the package (as made and as read back) holds no identity.
  const made = await handOver({ exit: 'riec', summary: 'Synthetische overdracht aan het RIEC (conformancetest).', legalBasis: RIEC_BASIS });
  const handOverId = (made.json as Schema<'HandOverPackage'> | undefined)?.handOverId;
  const read = handOverId ? await context.client.send({ operationId: 'getHandOver', headers: context.handlerHeaders, pathParams: { ...pathParams, handOverId } }) : undefined;
  const leaked = [made, read].find((answer) => answer && ((answer.json as { reporter?: unknown } | undefined)?.reporter !== undefined || identity.some((value) => answer.text.includes(value))));
  record.expect(
    NO_IDENTITY,
    made.status === 201 && read?.status === 200 && leaked === undefined,
    made.status !== 201 ? `a RIEC hand-over with a legal basis answered ${made.status}` : leaked ? "the RIEC package without consent holds the reporter's identity or the report's text" : `GET …/hand-overs/{id} answered ${read?.status}`,
    context.evidence(leaked ?? read ?? made),
    "a hand-over package without the reporter's recorded consent holds none of their identity",
  );
}

export const handOversModule: ConformanceModule = {
  id: 'hand-overs',
  profile: 'protocols',
  title: 'The chain hand-over: no identity without consent, the RIEC only with a legal basis (1.2)',
  checks: [
    { id: NO_IDENTITY, title: "A RIEC hand-over package without the reporter's recorded consent holds none of their identity.", requirement: 'paths./cases/{caseId}/hand-overs; components.schemas.HandOverPackage.reporter', severity: 'MUST' },
    { id: LEGAL_BASIS, title: 'A hand-over to the RIEC without a legal basis is refused (422) and changes nothing.', requirement: 'paths./cases/{caseId}/hand-overs; components.schemas.HandOverRequest.legalBasis', severity: 'MUST' },
  ],
  run,
};
