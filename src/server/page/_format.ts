/**
 * How figures read on the status page: money, counts and ages as the terminal dashboard shows
 * them (one definition, in the domain); clock times are UTC here, because the page is read on
 * machines in any time zone.
 */
import {
  formatAgo as ago,
  formatCompact as compact,
  formatCount as count,
  formatPercent as percent,
  formatSpan as duration,
  formatUsd as usd,
} from "../../domain/mod.ts";

export { ago, compact, count, duration, percent, usd };

/**
 * `HH:MM:SS UTC`.
 *
 * @param ms epoch milliseconds
 * @returns the clock time
 */
export function utcClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/**
 * The last part of a workspace path, which is how people name their projects.
 *
 * @param path a workspace path
 * @returns its base name
 */
export function baseName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const i = trimmed.lastIndexOf("/");
  return i < 0 ? trimmed : trimmed.slice(i + 1) || "/";
}

/**
 * A count and a noun, plural when it is not one.
 *
 * @param n the count
 * @param noun the singular noun
 * @returns e.g. `1 worker`, `3 workers`
 */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? "" : "s"}`;
}
