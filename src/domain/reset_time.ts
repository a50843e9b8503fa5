/**
 * Finds when a rate or usage limit resets in the words an agent used to report it.
 */

const CLOCK_TIME =
  /\b(?:try again|resets?|available again|reset)\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([AaPp][Mm])?/;
const ISO_TIME =
  /\b(?:at|until|resets?_?at"?:?\s*"?)\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)/i;
const RELATIVE =
  /\b(?:in|after)\s+(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?)\b/i;
const EPOCH_AFTER_BAR = /limit reached\|(\d{10})\b/i;

/** Words agents use when they hit a limit. */
export const LIMIT_WORDS =
  /usage limit|rate limit|rate_limit|quota|too many requests|\b429\b|resource_exhausted|limit reached/i;

/**
 * Reads a reset time from a limit message.
 *
 * @param message the agent's text
 * @param now the current time (epoch ms), for relative and clock-time forms
 * @returns the reset instant (epoch ms), or undefined when the message names none
 * @example
 * ```ts
 * findResetTime("Please retry in 20s.", 0); // 20000
 * ```
 */
export function findResetTime(message: string, now: number): number | undefined {
  const epoch = EPOCH_AFTER_BAR.exec(message);
  if (epoch?.[1] !== undefined) return Number(epoch[1]) * 1000;
  const iso = ISO_TIME.exec(message);
  if (iso?.[1] !== undefined) {
    const ms = Date.parse(iso[1].replace(" ", "T"));
    if (!Number.isNaN(ms)) return ms;
  }
  const relative = RELATIVE.exec(message);
  if (relative?.[1] !== undefined && relative[2] !== undefined) {
    const unit = relative[2].toLowerCase();
    const factor = unit.startsWith("h") ? 3_600_000 : unit.startsWith("m") ? 60_000 : 1_000;
    return now + Math.round(Number(relative[1]) * factor);
  }
  const clock = CLOCK_TIME.exec(message);
  if (clock?.[1] !== undefined && clock[2] !== undefined) {
    return nextClockTime(now, Number(clock[1]), Number(clock[2]), clock[3]);
  }
  return undefined;
}

function nextClockTime(
  now: number,
  hour: number,
  minute: number,
  meridiem: string | undefined,
): number {
  let h = hour % 24;
  if (meridiem !== undefined) {
    const pm = meridiem.toLowerCase() === "pm";
    h = (hour % 12) + (pm ? 12 : 0);
  }
  const at = new Date(now);
  at.setHours(h, minute, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}
