import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canMove } from '../src/domain/case-status.js';
import { addCalendarMonths, deadlinesAt, deadlinesOnReceipt, feedbackDueAfterAcknowledgement } from '../src/domain/deadlines.js';

describe('deadlines of EU Directive 2019/1937 art. 9', () => {
  it('acknowledges within 7 days and gives feedback within 3 months of the end of those 7 days', () => {
    assert.deepEqual(deadlinesOnReceipt('2026-11-28T09:30:00.000Z'), {
      acknowledgeDueAt: '2026-12-05T09:30:00.000Z',
      feedbackDueAt: '2027-03-05T09:30:00.000Z',
    });
  });

  it('moves feedback to 3 months after the acknowledgement, as the contract example shows', () => {
    assert.equal(feedbackDueAfterAcknowledgement('2026-11-29T10:00:00.000Z'), '2027-02-28T10:00:00.000Z');
  });

  it('counts calendar months, ending on the last day of a shorter month', () => {
    assert.equal(addCalendarMonths('2027-01-31T12:00:00.000Z', 1), '2027-02-28T12:00:00.000Z');
    assert.equal(addCalendarMonths('2028-01-31T12:00:00.000Z', 1), '2028-02-29T12:00:00.000Z');
    assert.equal(addCalendarMonths('2026-11-30T00:00:00.000Z', 3), '2027-02-28T00:00:00.000Z');
    assert.equal(addCalendarMonths('2026-10-15T23:59:59.000Z', 3), '2027-01-15T23:59:59.000Z');
  });

  it('marks a deadline overdue only once it has passed without the action', () => {
    const state = { acknowledgeDueAt: '2026-12-05T09:30:00.000Z', feedbackDueAt: '2027-03-05T09:30:00.000Z' };
    assert.deepEqual(deadlinesAt(state, '2026-12-05T09:30:00.000Z'), { ...state, acknowledgeOverdue: false, feedbackOverdue: false });
    assert.equal(deadlinesAt(state, '2026-12-05T09:30:00.001Z').acknowledgeOverdue, true);
    assert.equal(deadlinesAt({ ...state, acknowledgedAt: '2026-12-06T00:00:00.000Z' }, '2027-01-01T00:00:00.000Z').acknowledgeOverdue, false);
    assert.equal(deadlinesAt(state, '2027-03-06T00:00:00.000Z').feedbackOverdue, true);
    assert.equal(deadlinesAt({ ...state, feedbackGivenAt: '2027-03-01T00:00:00.000Z' }, '2027-03-06T00:00:00.000Z').feedbackOverdue, false);
  });
});

describe('status transitions', () => {
  it('allows exactly the transitions the contract lists', () => {
    const statuses = ['received', 'acknowledged', 'investigating', 'closed'] as const;
    const allowed = statuses.flatMap((from) => statuses.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    assert.deepEqual(allowed.sort(), [
      'acknowledged→closed',
      'acknowledged→investigating',
      'closed→investigating',
      'investigating→closed',
      'received→acknowledged',
      'received→closed',
    ]);
  });
});
