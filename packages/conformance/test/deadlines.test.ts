import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, deadlineProblem } from '../src/deadlines.js';

describe('deadline arithmetic', () => {
  it('adds calendar months in UTC, clamping to the end of a shorter month', () => {
    assert.equal(addMonths(new Date('2026-11-28T09:30:00Z'), 3).toISOString(), '2027-02-28T09:30:00.000Z');
    assert.equal(addMonths(new Date('2026-11-30T09:30:00Z'), 3).toISOString(), '2027-02-28T09:30:00.000Z');
    assert.equal(addMonths(new Date('2027-11-30T23:00:00Z'), 3).toISOString(), '2028-02-29T23:00:00.000Z');
    assert.equal(addMonths(new Date('2026-12-05T09:30:00Z'), 3).toISOString(), '2027-03-05T09:30:00.000Z');
  });

  it('accepts a deadline within the tolerance and refuses one later than the law allows', () => {
    const expected = new Date('2026-12-05T09:30:00Z');
    assert.equal(deadlineProblem('2026-12-05T09:30:30Z', expected, 60), undefined);
    assert.match(deadlineProblem('2026-12-06T09:30:00Z', expected, 3600) ?? '', /later than/);
    assert.match(deadlineProblem('2026-11-28T09:30:00Z', expected, 3600) ?? '', /much earlier/);
    assert.equal(deadlineProblem(undefined, expected, 60), 'is missing');
  });

  it('allows month arithmetic to land a few days earlier, never later', () => {
    const expected = new Date('2027-03-05T09:30:00Z');
    assert.equal(deadlineProblem('2027-03-03T09:30:00Z', expected, 0, true), undefined);
    assert.match(deadlineProblem('2027-03-06T09:30:00Z', expected, 0, true) ?? '', /later than/);
  });
});
