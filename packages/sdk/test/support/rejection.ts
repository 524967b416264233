// For tests of calls that must fail: the error itself, to assert on.
import assert from 'node:assert/strict';

/** The error a promise rejects with (and a failure when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}
