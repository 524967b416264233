// A type test, checked by `npm run lint` (the server's strict type-check, also a test in `npm test`)
// and never run: defineOperation hands a route its parameters, body and answer typed from the
// contract, so a wrong field name does not compile. Each `@ts-expect-error` below fails the
// type-check if the line under it ever compiles (for example because the route typing fell back to
// `unknown` or `any`).
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../src/context.js';
import { defineOperation } from '../../src/http/operation.js';

export function routesThatMustNotCompile(app: FastifyInstance, context: ServerContext): void {
  defineOperation(app, context, 'getCase', async ({ params }) => {
    // @ts-expect-error getCase's path parameter is `caseId`, not `caseID`.
    void params.caseID;
    return { caseId: params.caseId } as never;
  });

  defineOperation(app, context, 'listCases', async ({ params }) => {
    // @ts-expect-error the sort order is one of the contract's values, not any string.
    const sort: 'newest' | undefined = params.sort;
    // @ts-expect-error listCases has no `size` query parameter (it is `pageSize`).
    void params.size;
    void sort;
    return {} as never;
  });

  defineOperation(app, context, 'submitReport', async ({ params, body, send }) => {
    // @ts-expect-error the header parameter is `Idempotency-Key`.
    void params.idempotencyKey;
    // @ts-expect-error a report's `role` is set, `reporterRole` is not a field.
    void body.reporterRole;
    // @ts-expect-error submitReport answers 201 with a receipt, not 200.
    return send(200, { receipt: 'x' });
  });

  defineOperation(app, context, 'closeFollowUpSession', async ({ body, send }) => {
    // @ts-expect-error closeFollowUpSession has no request body.
    void body.receipt;
    // @ts-expect-error 204 has no body.
    return send(204, {});
  });

  defineOperation(app, context, 'sendFollowUpMessage', async ({ send }) =>
    // @ts-expect-error a reporter's message answer is a CaseMessage: `text` is not one of its fields.
    send(201, { id: 'm_1', from: 'reporter', kind: 'message', sentAt: '2026-01-01T00:00:00Z', text: 'x' }),
  );

  // The receiving side's operations (contract 1.1) are typed the same way.
  defineOperation(app, context, 'grantCaseAccess', async ({ params }) => {
    // @ts-expect-error the person is `accountId` in the path, not `personId`.
    void params.personId;
    const caseId: string = params.caseId;
    void caseId;
    return {} as never;
  });

  defineOperation(app, context, 'listAuditEntries', async ({ params }) => {
    // @ts-expect-error `fromSeq` is a number, not a string.
    const fromSeq: string | undefined = params.fromSeq;
    void fromSeq;
    return {} as never;
  });

  defineOperation(app, context, 'setRouting', async ({ body }) => {
    // @ts-expect-error the routing is keyed by reporter role: `mayor` is none.
    void body.mayor;
    return {} as never;
  });
}
