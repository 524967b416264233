import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtures, openapiDocument, type Fixture } from '../src/index.js';
import { SpecValidator, type ValidationIssue } from '../src/validation.js';

const validator = new SpecValidator();
const isJson = (mediaType: string) => /^application\/([a-z.+-]+\+)?json$/.test(mediaType);

function responseContent(operationId: Fixture['operationId'], status: string): Record<string, unknown> {
  const { path, method } = validator.operation(operationId);
  const operation = validator.document.paths[path]?.[method] as { responses: Record<string, unknown> };
  return (validator.resolve(operation.responses[status]) as { content?: Record<string, unknown> }).content ?? {};
}

function validate(fixture: Fixture): ValidationIssue[] {
  return fixture.kind === 'request'
    ? validator.requestBody(fixture.operationId, fixture.mediaType)(fixture.body)
    : validator.response(fixture.operationId, fixture.status!, fixture.mediaType)(fixture.body);
}

function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((issue) => `${issue.pointer || '(body)'}: ${issue.code} ${issue.message}`).join('; ');
}

describe('golden fixtures', () => {
  it('are there for every operation and webhook that takes a JSON body, valid and invalid', () => {
    for (const operation of [...validator.operations(), ...validator.webhooks()]) {
      if (!operation.requestMediaTypes.some(isJson)) continue;
      for (const validity of ['valid', 'invalid'] as const) {
        const found = fixtures.some(
          (f) => f.operationId === operation.operationId && f.kind === 'request' && f.validity === validity,
        );
        assert.ok(found, `${operation.operationId} has no ${validity} request fixture`);
      }
    }
  });

  it('are there, valid and invalid, for every operation that takes or answers JSON', () => {
    const missing: string[] = [];
    for (const operation of validator.operations()) {
      const answersJson = operation.statuses
        .filter((status) => /^2/.test(status))
        .some((status) => Object.keys(responseContent(operation.operationId, status)).some(isJson));
      if (!answersJson && !operation.requestMediaTypes.some(isJson)) continue;
      for (const validity of ['valid', 'invalid'] as const) {
        if (!fixtures.some((f) => f.operationId === operation.operationId && f.validity === validity)) missing.push(`${operation.operationId} (${validity})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  for (const fixture of fixtures.filter((f) => f.validity === 'valid')) {
    it(`${fixture.name} validates against the spec`, () => {
      const issues = validate(fixture);
      assert.deepEqual(issues, [], describeIssues(issues));
    });
  }

  for (const fixture of fixtures.filter((f) => f.validity === 'invalid')) {
    it(`${fixture.name} is rejected at ${fixture.invalidAt?.map((p) => p || '(body)').join(', ')}`, () => {
      const invalidAt = fixture.invalidAt ?? [];
      assert.ok(invalidAt.length, 'an invalid fixture names where it is invalid');
      const issues = validate(fixture);
      const pointers = issues.map((issue) => issue.pointer);
      for (const expected of invalidAt) {
        assert.ok(pointers.includes(expected), `no issue at ${expected}; got: ${describeIssues(issues)}`);
      }
    });
  }

  it('name only documented response statuses', () => {
    for (const fixture of fixtures.filter((f) => f.kind === 'response')) {
      const { statuses } = validator.operation(fixture.operationId);
      assert.ok(statuses.includes(String(fixture.status)), `${fixture.name}: ${fixture.status} is not documented`);
    }
  });

  it('carry an Idempotency-Key on every report submission and recorded intake', () => {
    for (const fixture of fixtures.filter((f) => ['submitReport', 'recordIntake'].includes(f.operationId) && f.kind === 'request')) {
      assert.match(fixture.headers?.['Idempotency-Key'] ?? '', /^[A-Za-z0-9_-]{16,128}$/, fixture.name);
    }
  });

  it('keep the plain report of the spec and the plain-report fixture identical', () => {
    const examples = openapiDocument.components.examples as Record<string, { value: unknown }>;
    const fixture = fixtures.find((f) => f.name === 'submitReport/valid/plain-report');
    assert.deepEqual(fixture?.body, examples.PlainReport?.value);
  });

  it('keep a hostile __proto__ key as an own property', () => {
    const fixture = fixtures.find((f) => f.name === 'submitReport/invalid/prototype-pollution-key');
    assert.ok(Object.hasOwn(fixture?.body as object, '__proto__'));
    assert.equal(Object.getPrototypeOf(fixture?.body), Object.prototype);
  });
});
