/**
 * Synthetic calendars. A-share daily: weekdays from the start date (no exchange holidays are
 * modelled). Crypto: every calendar day (`YYYY-MM-DD`) or every hour (`YYYY-MM-DDTHH:00Z`, UTC).
 */
import { AgoraError } from '../../core/index.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function parseStart(start: string): number {
  const ms = Date.parse(`${start}T00:00:00Z`);
  if (!Number.isFinite(ms)) {
    throw new AgoraError('INVALID_ARGUMENT', `start date '${start}' is not a valid ISO date`, {
      hint: 'use YYYY-MM-DD, e.g. 2015-01-05',
    });
  }
  return ms;
}

/** `count` weekdays from `start` (the start itself when it is a weekday). */
export function weekdayCalendar(start: string, count: number): string[] {
  const out: string[] = [];
  for (let ms = parseStart(start); out.length < count; ms += DAY_MS) {
    const dow = new Date(ms).getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}

/** `count` consecutive calendar days from `start`. */
export function dailyCalendar(start: string, count: number): string[] {
  const t0 = parseStart(start);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = new Date(t0 + i * DAY_MS).toISOString().slice(0, 10);
  return out;
}

/** `count` consecutive UTC hours from `start` 00:00, as `YYYY-MM-DDTHH:00Z`. */
export function hourlyCalendar(start: string, count: number): string[] {
  const t0 = parseStart(start);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = `${new Date(t0 + i * HOUR_MS).toISOString().slice(0, 13)}:00Z`;
  return out;
}

export function makeCalendar(market: 'cn' | 'crypto', frequency: '1d' | '1h', start: string, count: number) {
  if (frequency === '1h') return hourlyCalendar(start, count);
  return market === 'cn' ? weekdayCalendar(start, count) : dailyCalendar(start, count);
}
