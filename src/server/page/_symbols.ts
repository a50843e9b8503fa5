/**
 * The glyphs and tones that mean the same thing on the page as on the terminal dashboard
 * (src/dashboard/view/symbols.ts): worker health, worker state, task state, priority and alert
 * severity. Every glyph differs in shape as well as colour and comes with its word, so the page
 * reads without colour too. A tone is a CSS class of forge.css.
 */
import type { FleetAlert, QueueState, WorkerHealth, WorkerState } from "../../domain/mod.ts";

/** A colour role of forge.css. */
export type Tone = "ok" | "warn" | "danger" | "info" | "special" | "muted" | "orange";

/** A glyph, its word and its tone. */
export type Badge = readonly [glyph: string, word: string, tone: Tone];

/**
 * A worker's health: ● healthy, ◐ degraded, ◆ stuck, ○ dead.
 *
 * @param health the health
 * @returns glyph, word and tone
 */
export function healthBadge(health: WorkerHealth): Badge {
  switch (health) {
    case "healthy":
      return ["●", "healthy", "ok"];
    case "degraded":
      return ["◐", "degraded", "warn"];
    case "stuck":
      return ["◆", "stuck", "danger"];
    case "dead":
      return ["○", "dead", "danger"];
  }
}

/**
 * The tone of a worker state.
 *
 * @param state the state
 * @returns a tone
 */
export function stateTone(state: WorkerState): Tone {
  switch (state) {
    case "active":
      return "ok";
    case "starting":
      return "info";
    case "paused":
      return "special";
    case "failed":
    case "error":
      return "danger";
    case "idle":
    case "stopped":
      return "muted";
  }
}

/**
 * A task's queue state.
 *
 * @param state the state
 * @returns glyph, word and tone
 */
export function taskBadge(state: QueueState): Badge {
  switch (state) {
    case "in_progress":
      return ["●", "in progress", "info"];
    case "ready":
      return ["○", "ready", "ok"];
    case "blocked":
      return ["⊘", "blocked", "danger"];
    case "deferred":
      return ["◷", "deferred", "muted"];
    case "closed":
      return ["✓", "closed", "muted"];
    case "not_work":
      return ["·", "not work", "muted"];
  }
}

/**
 * A priority's label and tone: P0 red down to P4 grey.
 *
 * @param priority 0-4
 * @returns label and tone
 */
export function priorityBadge(priority: number): readonly [label: string, tone: Tone] {
  const tones: readonly Tone[] = ["danger", "orange", "warn", "info", "muted"];
  const p = Math.min(4, Math.max(0, Math.round(priority)));
  return [`P${p}`, tones[p] ?? "muted"];
}

/**
 * An alert's severity: ✖ critical, ▲ warning, ℹ info.
 *
 * @param severity the severity
 * @returns glyph, word and tone
 */
export function severityBadge(severity: FleetAlert["severity"]): Badge {
  switch (severity) {
    case "critical":
      return ["✖", "critical", "danger"];
    case "warning":
      return ["▲", "warning", "warn"];
    case "info":
      return ["ℹ", "info", "info"];
  }
}
