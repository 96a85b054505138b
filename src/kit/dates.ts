/**
 * Calendar dates as the owner writes them (`2026-10-02`), and the arithmetic the ledger needs.
 * A date has no time zone: "today" is the date on the owner's own clock, and day counts are
 * whole calendar days, so a report never shifts by one around midnight or a clock change.
 */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-02-30` is not a date: the text must name a day that exists in the calendar. */
export function isCalendarDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date on this computer's clock, in its own time zone. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** Whole days from `from` to `to`: 1 from 2026-10-02 to 2026-10-03, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}
