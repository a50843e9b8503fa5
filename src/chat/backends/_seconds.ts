/**
 * Formats a number of seconds for messages: `30 s`, `0.5 s`.
 *
 * @param seconds a duration
 * @returns the text
 */
export function formatSeconds(seconds: number): string {
  return `${Math.round(seconds * 10) / 10} s`;
}
