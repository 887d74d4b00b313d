/**
 * When a channel's digest is due: its `HH:MM` in its IANA zone, on its local date. A time
 * that does not exist that day (spring forward) posts at the first instant after the gap;
 * a time that happens twice (fall back) posts at the first of them. Either way the key of a
 * post is the local date, so a day gets one post.
 */
import { DateTime, IANAZone } from 'luxon';
import { SinorussiaError } from '../errors.ts';

export const TIME_FORMS = 'a 24-hour time HH:MM, 00:00 to 23:59 (e.g. 09:00, 17:30)';
export const ZONE_FORMS = 'an IANA time zone Area/City (e.g. Europe/Berlin, America/New_York, Asia/Shanghai) or UTC';

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** `9:00` and `09:00` read the same; anything else is a BAD_ARGUMENT naming what is accepted. */
export function parseTime(text: string): TimeOfDay {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) throw new SinorussiaError('BAD_ARGUMENT', `"${text}" is not a time: use ${TIME_FORMS}`, text);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export function formatTime(time: TimeOfDay): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** Looks like a time (so a bad one is reported as a time, not taken for a topic). */
export const looksLikeTime = (text: string) => /^\d{1,2}[:.h]\d{0,2}$/i.test(text);
/** Looks like a zone: `Area/City`, `UTC`, `Etc/GMT+3`. */
export const looksLikeZone = (text: string) => text.includes('/') || /^(utc|gmt|z)$/i.test(text);

/** Returns the zone's canonical name (`europe/berlin` → `Europe/Berlin`). */
export function parseZone(text: string): string {
  const name = text.trim();
  if (/^(utc|gmt|z)$/i.test(name)) return 'UTC';
  if (!name.includes('/') || !IANAZone.isValidZone(name)) {
    throw new SinorussiaError('BAD_ARGUMENT', `"${text}" is not a time zone: use ${ZONE_FORMS}`, text);
  }
  return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
}

/** The local calendar date at `instant` in `zone`, `YYYY-MM-DD`. */
export function localDateAt(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** The instant a post for `localDate` is due. */
export function dueInstant(localDate: string, time: string, zone: string): Date {
  const { hour, minute } = parseTime(time);
  const day = DateTime.fromISO(localDate, { zone });
  const wanted = day.set({ hour, minute });
  // Luxon resolves a time in the fall-back overlap to its later occurrence; prefer the earlier.
  const earlier = wanted.minus({ hours: 1 });
  if (earlier.hour === hour && earlier.minute === minute && earlier.toISODate() === localDate) return earlier.toJSDate();
  return wanted.toJSDate();
}

export function addDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

export interface Timing {
  time: string;
  timeZone: string;
}

/**
 * The next instant a post is due after `now`: today's if still ahead and not done,
 * otherwise tomorrow's.
 */
export function nextDue(timing: Timing, now: Date, doneToday: boolean): { localDate: string; at: Date } {
  const today = localDateAt(now, timing.timeZone);
  const todayAt = dueInstant(today, timing.time, timing.timeZone);
  if (!doneToday && now.getTime() < todayAt.getTime()) return { localDate: today, at: todayAt };
  const tomorrow = addDays(today, 1);
  return { localDate: tomorrow, at: dueInstant(tomorrow, timing.time, timing.timeZone) };
}

/** `Sun 29 Mar 2026, 03:30 CEST` in the channel's zone. */
export function formatLocal(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ', { locale: 'en-US' });
}
