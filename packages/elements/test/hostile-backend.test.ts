// The compromised test backend (test-support/hostile-backend.mjs) stays honest about the
// contract: its hostile answers have the contract's fields and types (only the values are
// hostile), and every one of its broken answers really breaks the contract's structure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OperationId } from '@weerbaar/spec';
import { SpecValidator } from '@weerbaar/spec/validation';
import { routes, startHostileBackend, type HostileBackend } from '../../../test-support/hostile-backend.mjs';
import { breakerNames } from '../../../test-support/hostile-content.mjs';

const validator = new SpecValidator();
// Keywords about the answer's structure. Hostile values break only the others (pattern, maxLength, format, enum).
const structural = new Set(['required', 'type', 'additionalProperties']);
// The backend's routes are named by the contract's operationIds.
const answeringRoutes = routes.filter((route) => route.answer).map((route) => ({ ...route, operationId: route.operationId as OperationId }));

describe('the compromised test backend', () => {
  let backend: HostileBackend;
  before(async () => {
    backend = await startHostileBackend();
  });
  after(() => backend.stop());

  const answer = async (base: string, route: (typeof answeringRoutes)[number]) => {
    const response = await fetch(`${base}/${route.path}`, { method: route.method });
    assert.equal(response.status, route.status, `${route.operationId}: status`);
    return response.text();
  };

  for (const kind of ['hostile', 'hostile-enums', 'huge'] as const) {
    it(`answers every route (${kind}) in the contract's structure, with hostile values`, async () => {
      for (const route of answeringRoutes) {
        const issues = validator.response(route.operationId, route.status)(JSON.parse(await answer(backend.apiUrl(kind), route)));
        const broken = issues.filter((issue) => structural.has(issue.code));
        assert.deepEqual(broken, [], `${route.operationId} (${kind}) is not in the contract's structure`);
      }
    });
  }

  it('has hostile values the contract refuses (so the elements cannot rely on the contract alone)', async () => {
    const norms = answeringRoutes.find((route) => route.operationId === 'getNorms')!;
    const issues = validator.response('getNorms', 200)(JSON.parse(await answer(backend.apiUrl('hostile'), norms)));
    assert.ok(issues.some((issue) => issue.pointer.endsWith('/href')), 'the hostile links pass the contract');
  });

  for (const variant of breakerNames) {
    it(`breaks the contract's structure for every operation with ${variant}`, async () => {
      for (const route of answeringRoutes) {
        const text = await answer(backend.brokenApiUrl(variant, route.operationId), route);
        // A breaker with nothing to act on (no arrays to turn into objects) leaves the answer as it was.
        if (text === (await answer(backend.apiUrl('hostile'), route))) continue;
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          continue; // Not JSON at all: broken.
        }
        const issues = validator.response(route.operationId, route.status)(body).filter((issue) => structural.has(issue.code));
        assert.notDeepEqual(issues, [], `${route.operationId} with ${variant} keeps the contract's structure`);
      }
    });
  }
});
