/**
 * A fast path for the timestamps beads hold nearly everywhere: `YYYY-MM-DDTHH:MM:SS`, an optional
 * fraction of 1-9 digits, then `Z` or `±HH:MM`. A 10,000-bead file holds some 35,000 of them,
 * and going through `Date` for each was a fifth of reading one. Anything of another shape
 * (a space for the `T`, no offset, surrounding blanks, an impossible date) is left to the general
 * parser, so this path only has to be right on what it accepts.
 */

const DAY_MS = 86_400_000;
const ZERO = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const UPPER_T = 84;
const UPPER_Z = 90;

/**
 * Reads a timestamp of the common shape without going through `Date`.
 *
 * @param t the text
 * @returns epoch milliseconds (the same `Date.UTC` gives), or undefined when the text is not of
 *   the common shape or not a real date (the caller then asks the general parser)
 */
export function isoInstant(t: string): number | undefined {
  const n = t.length;
  if (n < 20 || n > 35 || t.charCodeAt(10) !== UPPER_T) return undefined;
  if (t.charCodeAt(4) !== DASH || t.charCodeAt(7) !== DASH) return undefined;
  if (t.charCodeAt(13) !== COLON || t.charCodeAt(16) !== COLON) return undefined;
  const century = twoDigitsAt(t, 0);
  const yearInCentury = twoDigitsAt(t, 2);
  const month = twoDigitsAt(t, 5);
  const day = twoDigitsAt(t, 8);
  const hour = twoDigitsAt(t, 11);
  const minute = twoDigitsAt(t, 14);
  const second = twoDigitsAt(t, 17);
  const year = century * 100 + yearInCentury;
  // Date.UTC reads years 0-99 as 1900-1999; the general parser keeps that quirk.
  if (century < 1 || yearInCentury < 0 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysIn(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  if (second < 0 || second > 60) return undefined;
  let at = 19;
  let millis = 0;
  if (t.charCodeAt(at) === DOT) {
    const from = ++at;
    while (at < n && isDigit(t.charCodeAt(at))) at++;
    const count = at - from;
    if (count < 1 || count > 9) return undefined;
    millis = digitsAt(t, from, Math.min(3, count)) * (count === 1 ? 100 : count === 2 ? 10 : 1);
  }
  const offset = offsetAt(t, at);
  if (offset === undefined) return undefined;
  const seconds = (hour * 60 + minute) * 60 + second;
  return daysFromCivil(year, month, day) * DAY_MS + seconds * 1000 + millis - offset;
}

/** The zone at the end of the text in milliseconds east of UTC; undefined when it is not one. */
function offsetAt(t: string, at: number): number | undefined {
  const rest = t.length - at;
  const c = t.charCodeAt(at);
  if (rest === 1) return c === UPPER_Z ? 0 : undefined;
  if (rest !== 6 || t.charCodeAt(at + 3) !== COLON) return undefined;
  const sign = c === PLUS ? 1 : c === DASH ? -1 : 0;
  const hours = twoDigitsAt(t, at + 1);
  const minutes = twoDigitsAt(t, at + 4);
  if (sign === 0 || hours < 0 || minutes < 0) return undefined;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

/** The two-digit number at `from`; negative when either is not a digit. */
function twoDigitsAt(t: string, from: number): number {
  const tens = t.charCodeAt(from) - ZERO;
  const ones = t.charCodeAt(from + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** The decimal number in `count` characters from `from`; -1 when one is not a digit. */
function digitsAt(t: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = t.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
