/**
 * How FORGE names priorities: the bd/br words, lowest number most urgent.
 */

const NAMES = ["critical", "high", "medium", "low", "backlog"] as const;

/**
 * Names a priority for people.
 *
 * @param priority 0 (most urgent) to 4; anything else reads as the default 2
 * @returns e.g. `P1 (high)`
 */
export function priorityLabel(priority: number): string {
  const p = Number.isInteger(priority) && priority >= 0 && priority <= 4 ? priority : 2;
  return `P${p} (${NAMES[p]})`;
}
