// The reminders file for the two deadlines, made on the device.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarFile } from '../src/report-dialog/calendar-file.js';

const reminders = [
  { id: 'acknowledge', title: 'Opvolging; bevestiging', description: 'Kijk, met uw code,\nof er nieuws is.', at: '2026-12-05T23:30:00Z' },
  { id: 'feedback', title: 'Opvolging: terugkoppeling', description: 'x'.repeat(120), at: '2027-03-05T09:30:00Z' },
];

describe('the calendar file', () => {
  const ics = calendarFile(reminders, { now: new Date('2026-11-28T09:30:00Z'), uidSuffix: 'abc' });
  const lines = ics.split('\r\n');

  it('is an iCalendar file with one all-day event per deadline, on the deadline day (UTC)', () => {
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-2), 'END:VCALENDAR');
    assert.deepEqual(lines.filter((line) => line.startsWith('DTSTART')), ['DTSTART;VALUE=DATE:20261205', 'DTSTART;VALUE=DATE:20270305']);
    assert.deepEqual(lines.filter((line) => line.startsWith('DTEND')), ['DTEND;VALUE=DATE:20261206', 'DTEND;VALUE=DATE:20270306']);
    assert.ok(lines.includes('DTSTAMP:20261128T093000Z'));
    assert.ok(lines.includes('UID:acknowledge-abc@weerbaar'));
  });

  it('escapes text and folds long lines as RFC 5545 requires', () => {
    assert.ok(lines.includes('SUMMARY:Opvolging\\; bevestiging'));
    assert.ok(lines.includes('DESCRIPTION:Kijk\\, met uw code\\,\\nof er nieuws is.'));
    assert.ok(lines.every((line) => new TextEncoder().encode(line).length <= 75), 'a line longer than 75 octets');
    assert.ok(lines.some((line) => line.startsWith(' x')), 'the long description is not folded');
  });

  it('holds nothing but the given texts and dates', () => {
    assert.doesNotMatch(ics, /@(?!weerbaar)|ATTENDEE|ORGANIZER|URL:/);
  });
});
