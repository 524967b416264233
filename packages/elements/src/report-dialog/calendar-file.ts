/** One all-day reminder in the calendar file. */
export interface CalendarReminder {
  /** Stable within the file, e.g. `acknowledge`. */
  id: string;
  title: string;
  description: string;
  /** An ISO date-time; the reminder falls on its day (UTC). */
  at: string;
}

/**
 * An all-day reminder on each day an aftercare check-in opens (`YYYY-MM-DD`), under the neutral
 * words given: a shared computer's calendar must not say what they are about. A malformed day is
 * left out rather than spoiling the file.
 */
export function checkInReminders(days: readonly string[], words: { title: string; description: string }): CalendarReminder[] {
  return days
    .filter((day) => {
      const noon = Date.parse(`${day}T12:00:00Z`);
      return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(noon) && new Date(noon).toISOString().startsWith(day);
    })
    .map((day, index) => ({ id: `check-in-${index + 1}`, ...words, at: `${day}T12:00:00Z` }));
}

// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, newlines become \n.
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

// RFC 5545 §3.1: lines longer than 75 octets are folded (a CRLF followed by one space).
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const charSize = new TextEncoder().encode(char).length;
    if (size + charSize > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += charSize;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10).replace(/-/g, '');
const stampOf = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/**
 * An iCalendar file (RFC 5545) with all-day reminders, made on the device. It holds only the
 * dates and general texts: no receipt, no report content, no contact details — a calendar may be
 * synchronised to places the person does not control.
 */
export function calendarFile(reminders: readonly CalendarReminder[], { now = new Date(), uidSuffix }: { now?: Date; uidSuffix: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Weerbaar//Report reminders//NL', 'CALSCALE:GREGORIAN'];
  for (const reminder of reminders) {
    const day = dayOf(reminder.at);
    const next = dayOf(new Date(new Date(reminder.at).getTime() + 86_400_000).toISOString());
    lines.push(
      'BEGIN:VEVENT',
      `UID:${reminder.id}-${uidSuffix}@weerbaar`,
      `DTSTAMP:${stampOf(now)}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${next}`,
      `SUMMARY:${escapeText(reminder.title)}`,
      `DESCRIPTION:${escapeText(reminder.description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
