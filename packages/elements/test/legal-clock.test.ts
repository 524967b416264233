import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { legalClock } from '../src/case-inbox/legal-clock.js';

const day = 86_400_000;
const received = Date.parse('2026-11-20T09:30:00Z');
/** The deadlines of a case received at `received` as the backend computes them at `now`. */
function deadlines(now: number, extra: { acknowledgedAt?: string; feedbackGivenAt?: string } = {}) {
  const acknowledgeDueAt = new Date(received + 7 * day).toISOString();
  const feedbackDueAt = new Date(received + 99 * day).toISOString();
  return {
    acknowledgeDueAt,
    feedbackDueAt,
    ...extra,
    acknowledgeOverdue: !extra.acknowledgedAt && now > received + 7 * day,
    feedbackOverdue: !extra.feedbackGivenAt && now > received + 99 * day,
  };
}

describe('the legal clock of a case in the inbox', () => {
  it('has 1 day left to acknowledge a report received 6 days ago, at any hour of that day', () => {
    for (const hours of [0, 5, 14]) {
      const now = received + 6 * day + hours * 3_600_000 - 9 * 3_600_000;
      const clock = legalClock(deadlines(now), new Date(now), 'Europe/Amsterdam')!;
      assert.equal(clock.kind, 'acknowledge');
      assert.equal(clock.daysLeft, 1, `at ${new Date(now).toISOString()}`);
      assert.equal(clock.overdue, false);
    }
  });

  it('is overdue on day 8 without an acknowledgement, and due today on day 7 before the moment passes', () => {
    const dayEight = received + 8 * day;
    assert.equal(legalClock(deadlines(dayEight), new Date(dayEight), 'Europe/Amsterdam')!.overdue, true);
    const daySevenMorning = received + 7 * day - 3_600_000;
    const clock = legalClock(deadlines(daySevenMorning), new Date(daySevenMorning), 'Europe/Amsterdam')!;
    assert.deepEqual([clock.daysLeft, clock.overdue], [0, false]);
  });

  it('is overdue as soon as the backend says so, whatever the device clock says', () => {
    const now = received + day;
    assert.equal(legalClock({ ...deadlines(now), acknowledgeOverdue: true }, new Date(now))!.overdue, true);
  });

  it('counts down to feedback once receipt was acknowledged, and stops once feedback was given', () => {
    const now = received + 10 * day;
    const acknowledged = legalClock(deadlines(now, { acknowledgedAt: new Date(received + day).toISOString() }), new Date(now), 'UTC')!;
    assert.deepEqual([acknowledged.kind, acknowledged.daysLeft], ['feedback', 89]);
    const done = deadlines(now, { acknowledgedAt: new Date(received + day).toISOString(), feedbackGivenAt: new Date(received + 9 * day).toISOString() });
    assert.equal(legalClock(done, new Date(now), 'UTC'), undefined);
  });

  it('shows no clock for a date it cannot read', () => {
    assert.equal(legalClock({ ...deadlines(received), acknowledgeDueAt: 'not a date' }, new Date(received)), undefined);
  });
});
