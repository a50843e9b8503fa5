/**
 * One line per thing the engine does, for `forge run` (text or JSON lines) and the demo's log.
 */
import type { Effect } from "../orchestrator/mod.ts";

/**
 * Describes an effect for people, or undefined for effects not worth a line.
 *
 * @param effect what the engine asked for
 * @returns one line
 */
export function describeEffect(effect: Effect): string | undefined {
  // A log is read and grepped line by line: a launcher's multi-line stderr stays on its line.
  return describe(effect)?.replace(/\s*\n\s*/g, " · ");
}

function describe(effect: Effect): string | undefined {
  switch (effect.kind) {
    case "start":
      return `start   ${effect.workerId} on ${effect.bead.bead.id} "${
        effect.bead.bead.title.slice(0, 50)
      }" — ${effect.reason}`;
    case "finish":
      return `finish  ${effect.workerId}: ${effect.outcome} (${effect.detail})`;
    case "release":
      return `release ${effect.beadId}: ${effect.reason}`;
    case "kill":
      return `kill    ${effect.workerId}: ${effect.reason}`;
    case "alert":
      return `alert   [${effect.severity}] ${effect.message}`;
    case "route":
      return effect.outcome === "waiting"
        ? `wait    ${effect.beadId}: ${effect.reason}`
        : undefined;
    case "stopped":
      return "stopped";
    case "check-bead":
      return undefined;
  }
}

/**
 * The JSON-lines form of an effect (bead objects reduced to their id).
 *
 * @param effect what the engine asked for
 * @param at when
 * @returns a plain object
 */
export function effectJson(effect: Effect, at: number): Record<string, unknown> {
  if (effect.kind === "start") {
    const { bead, ...rest } = effect;
    return {
      at: new Date(at).toISOString(),
      ...rest,
      bead_id: bead.bead.id,
      score: bead.score.total,
    };
  }
  return { at: new Date(at).toISOString(), ...effect };
}
