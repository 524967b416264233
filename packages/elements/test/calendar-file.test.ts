// The reminders file for the two deadlines, made on the device.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarFile, checkInReminders } from '../src/report-dialog/calendar-file.js';
import { reportDialogStrings } from '../src/report-dialog/report-dialog.strings.js';

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

describe('the check-in days in the calendar file', () => {
  const words = { title: reportDialogStrings.nl.calendarCheckInTitle, description: reportDialogStrings.nl.calendarCheckInText };
  const days = ['2026-12-03', '2026-12-09', '2027-01-01', 'not-a-day', '2027-02-30', '2027-13-45', '2027-03-02'];
  const ics = calendarFile(checkInReminders(days, words), { now: new Date('2026-12-02T09:30:00Z'), uidSuffix: 'abc' });
  const lines = ics.split('\r\n');

  it('has one all-day event on each well-formed day a check-in opens, and leaves out what is not a day', () => {
    assert.deepEqual(lines.filter((line) => line.startsWith('DTSTART')), ['DTSTART;VALUE=DATE:20261203', 'DTSTART;VALUE=DATE:20261209', 'DTSTART;VALUE=DATE:20270101', 'DTSTART;VALUE=DATE:20270302']);
    assert.deepEqual(lines.filter((line) => line.startsWith('UID')), ['UID:check-in-1-abc@weerbaar', 'UID:check-in-2-abc@weerbaar', 'UID:check-in-3-abc@weerbaar', 'UID:check-in-4-abc@weerbaar']);
  });

  it('says only neutral words, in every language: nothing of threats, safety, reports or aftercare', () => {
    for (const table of Object.values(reportDialogStrings)) {
      const neutral = `${table.calendarCheckInTitle} ${table.calendarCheckInText}`;
      assert.doesNotMatch(neutral, /bedreig|threat|veilig|safe|melding|report|nazorg|aftercare|weerbaar/i, neutral);
    }
    assert.deepEqual(new Set(lines.filter((line) => line.startsWith('SUMMARY'))), new Set(['SUMMARY:Even bijpraten']));
  });
});
