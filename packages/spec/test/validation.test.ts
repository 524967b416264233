import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecValidator } from '../src/validation.js';

const validator = new SpecValidator();

describe('SpecValidator', () => {
  it('lists every operation of the document with its method, path and security', () => {
    const operations = validator.operations();
    assert.equal(new Set(operations.map((o) => o.operationId)).size, operations.length);
    const submit = validator.operation('submitReport');
    assert.equal(submit.method, 'post');
    assert.equal(submit.path, '/reports');
    assert.deepEqual(submit.security, []);
    assert.deepEqual(
      submit.parameters.map((p) => [p.name, p.in, p.required]),
      [['Idempotency-Key', 'header', true]],
    );
    assert.deepEqual(validator.operation('getCase').security, ['handlerToken', 'accessToken']);
    assert.deepEqual(validator.operation('getFollowUpCase').security, ['followUpToken']);
    assert.deepEqual(validator.operation('getMe').security, ['accessToken']);
  });

  it('knows the webhooks apart from the operations a backend serves', () => {
    assert.ok(!validator.operations().some((operation) => operation.operationId === 'receiveCaseEvent'));
    const webhook = validator.operation('receiveCaseEvent');
    assert.deepEqual([webhook.section, webhook.path, webhook.method], ['webhooks', 'caseEvent', 'post']);
    assert.deepEqual(webhook.requestMediaTypes, ['application/cloudevents+json']);
    const issues = validator.requestBody('receiveCaseEvent', 'application/cloudevents+json')({ specversion: '1.0' });
    assert.ok(issues.some((issue) => issue.pointer === '/data'));
    assert.throws(() => validator.response('receiveCaseEvent', 200), /webhook/);
  });

  it('reports every invalid field at once, each at its JSON Pointer', () => {
    const issues = validator.requestBody('submitReport')({
      role: 'mayor',
      category: 'bribery',
      content: { description: '', location: 'x'.repeat(501), extra: true },
    });
    const pointers = issues.map((issue) => issue.pointer).sort();
    assert.deepEqual(pointers, ['/content/description', '/content/extra', '/content/location', '/role']);
    assert.deepEqual(issues.find((i) => i.pointer === '/content/location')?.params, { limit: 500 });
  });

  it('reports the errors of the branch a union value was meant to be', () => {
    const issues = validator.requestBody('submitReport')({
      role: 'other',
      category: 'other',
      encryptedContent: { keyId: 'k', suite: 'DHKEM-P256-HKDF-SHA256/HKDF-SHA256/AES-256-GCM', enc: 'short', ciphertext: 'x' },
    });
    assert.deepEqual(issues.map((issue) => issue.pointer).sort(), ['/encryptedContent/ciphertext', '/encryptedContent/enc']);
  });

  it('refuses operations and responses the document does not have', () => {
    assert.throws(() => validator.operation('deleteEverything' as never), /Unknown operationId/);
    assert.throws(() => validator.response('getDiscovery', 418), /documents no 418 response/);
  });

  it('validates the shared problem responses by reference', () => {
    const validateProblem = validator.response('getCase', 404, 'application/problem+json');
    assert.deepEqual(validateProblem({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such case.' }), []);
    assert.ok(validateProblem({ title: 'Not Found', status: 404 }).some((issue) => issue.pointer === '/detail'));
  });
});
