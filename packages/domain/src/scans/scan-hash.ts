import type { Direction } from './verdict.ts';

/**
 * The parts of a client-sent scan that decide whether a repeat is "the same body" (API.md,
 * Conventions). `idNumberHash` is the pseudonym of an ID-card number: the raw number never reaches
 * this function, so it never ends up in a stored fingerprint.
 */
export interface ScanBody {
  readonly scanId: string;
  readonly checkpointId: string;
  readonly code?: string | undefined;
  readonly idNumberHash?: string | undefined;
  readonly direction: Direction;
  readonly temperatureC: number;
  /** ISO 8601 instant with an offset (`Z`, `+08:00`, `+0800`, `+08`). */
  readonly scannedAt: string;
  readonly deviceId?: string | undefined;
}

// Date.parse is avoided: it reads an offset-less string in the process's own zone, and a
// canonical form must not depend on where it runs.
const isoInstant =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (monthDays[month - 1] ?? 0);
}

/**
 * Epoch milliseconds of an ISO 8601 instant that carries an offset, or `null` when the string is
 * not one (no offset, or an impossible date or time). Digits past milliseconds are dropped.
 */
export function epochMsOf(iso: string): number | null {
  const m = isoInstant.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s ?? '0');
  const ms = Number((frac ?? '').slice(0, 3).padEnd(3, '0'));
  const offsetH = Number(oh ?? '0'), offsetM = Number(om ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetH > 23 || offsetM > 59) return null;
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetH * 60 + offsetM);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  return date.getTime() - offsetMinutes * 60_000;
}

/**
 * The canonical serialisation of a scan's body: the same scan always gives the same string,
 * whatever the order of its keys, the offset its time was written in, or extra fields it carries;
 * two bodies that differ in any listed part give different strings. Hash it outside the domain.
 *
 * Fields are written positionally in a JSON array, so no value can forge a separator. An absent
 * optional field is `null`, distinct from an empty string. A `scannedAt` that is not a valid
 * instant is kept verbatim (tagged), so two different invalid strings never collide.
 */
export function canonicalScanBody(body: ScanBody): string {
  const ms = epochMsOf(body.scannedAt);
  return JSON.stringify([
    'scan/v1',
    body.scanId,
    body.checkpointId,
    body.code ?? null,
    body.idNumberHash ?? null,
    body.direction,
    // JSON would turn NaN and ±Infinity into null; spell non-finite numbers out so they stay distinct.
    Number.isFinite(body.temperatureC) ? body.temperatureC : String(body.temperatureC),
    ms ?? { raw: body.scannedAt },
    body.deviceId ?? null,
  ]);
}
