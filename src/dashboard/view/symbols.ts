/**
 * The glyphs and colours that mean the same thing on every panel: worker health and state, task
 * state and priority, log level, alert severity, routing tier. Each glyph differs in shape as
 * well as colour, so the screen reads without colour too.
 */
import type { ActivityLevel, FleetAlert, QueueState, WorkerHealth } from "../../domain/mod.ts";
import type { WorkerState } from "../../domain/mod.ts";
import type { Seg } from "./context.ts";
import type { ThemeIds } from "./theme.ts";

/**
 * A worker's health as a glyph: ● healthy, ◐ degraded, ◆ stuck, ○ dead.
 *
 * @param t theme ids
 * @param health the health
 * @returns glyph and style
 */
export function healthGlyph(t: ThemeIds, health: WorkerHealth): Seg {
  switch (health) {
    case "healthy":
      return ["●", t.ok];
    case "degraded":
      return ["◐", t.warn];
    case "stuck":
      return ["◆", t.dangerBold];
    case "dead":
      return ["○", t.danger];
  }
}

/**
 * The colour of a worker state.
 *
 * @param t theme ids
 * @param state the state
 * @returns a style id
 */
export function stateStyle(t: ThemeIds, state: WorkerState): number {
  switch (state) {
    case "active":
      return t.ok;
    case "starting":
      return t.info;
    case "paused":
      return t.special;
    case "failed":
    case "error":
      return t.danger;
    case "idle":
    case "stopped":
      return t.muted;
  }
}

/**
 * A task's queue state: glyph, word and style.
 *
 * @param t theme ids
 * @param state the state
 * @returns glyph, word and style
 */
export function taskState(t: ThemeIds, state: QueueState): [string, string, number] {
  switch (state) {
    case "in_progress":
      return ["●", "in progress", t.info];
    case "ready":
      return ["○", "ready", t.ok];
    case "blocked":
      return ["⊘", "blocked", t.danger];
    case "deferred":
      return ["◷", "deferred", t.muted];
    case "closed":
      return ["✓", "closed", t.muted];
    case "not_work":
      return ["·", "not work", t.muted];
  }
}

/**
 * A priority's label and colour: P0 red and bold down to P4 grey.
 *
 * @param t theme ids
 * @param priority 0-4
 * @returns label and style
 */
export function priorityBadge(t: ThemeIds, priority: number): Seg {
  const styles = [t.dangerBold, t.orange, t.warn, t.info, t.muted];
  const p = Math.min(4, Math.max(0, Math.round(priority)));
  return [`P${p}`, styles[p] ?? t.muted];
}

/**
 * A log level as three letters and its colour; the message's colour too.
 *
 * @param t theme ids
 * @param level the level
 * @returns badge, badge style and message style
 */
export function levelBadge(t: ThemeIds, level: ActivityLevel): [string, number, number] {
  switch (level) {
    case "error":
      return ["ERR", t.dangerBold, t.danger];
    case "warn":
      return ["WRN", t.warn, t.warn];
    case "info":
      return ["INF", t.info, t.text];
    case "debug":
      return ["DBG", t.muted, t.muted];
  }
}

/**
 * An alert's severity: ✖ critical, ▲ warning, ℹ info.
 *
 * @param t theme ids
 * @param severity the severity
 * @returns glyph, word and style
 */
export function severityBadge(
  t: ThemeIds,
  severity: FleetAlert["severity"],
): [string, string, number] {
  switch (severity) {
    case "critical":
      return ["✖", "critical", t.dangerBold];
    case "warning":
      return ["▲", "warning", t.warn];
    case "info":
      return ["ℹ", "info", t.info];
  }
}

/**
 * The colour of a routing tier.
 *
 * @param t theme ids
 * @param tier a tier name, if any
 * @returns a style id
 */
export function tierStyle(t: ThemeIds, tier: string | undefined): number {
  switch (tier) {
    case "premium":
      return t.special;
    case "standard":
      return t.info;
    case "budget":
      return t.ok;
    default:
      return t.muted;
  }
}
