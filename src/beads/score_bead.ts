/**
 * The task value score (design.md, "Task value score"): priority, the open beads a bead holds
 * back, how long it has waited, and urgent labels, capped, with every part kept for `--explain`.
 */
import type { Bead, ScoreBreakdown, ScoringWeights } from "../domain/mod.ts";

const DAY_MS = 86_400_000;

/** What scoring needs besides the bead. */
export interface ScoreOptions {
  /** Epoch milliseconds. */
  readonly now: number;
  /** Live beads this one transitively unblocks. */
  readonly unblockedCount: number;
  readonly scoring: ScoringWeights;
}

/** A score of zero in every part (finished beads). */
export const ZERO_SCORE: ScoreBreakdown = Object.freeze({
  total: 0,
  priority: 0,
  unblocks: 0,
  age: 0,
  urgent: 0,
  unblockedCount: 0,
  ageDays: 0,
  urgentLabels: Object.freeze([]),
});

/**
 * Scores one bead from 0 to `scoring.total_cap`.
 *
 * @param bead the bead
 * @param options the time, its unblock count and the weights
 * @returns the total and each component; age counts whole days since `createdAt` (none when the
 *   bead has no creation time)
 * @example
 * ```ts
 * scoreBead(bead, { now, unblockedCount: 2, scoring: SCORING_DEFAULTS }).unblocks; // 20
 * ```
 */
export function scoreBead(bead: Bead, options: ScoreOptions): ScoreBreakdown {
  const w = options.scoring;
  const ageDays = ageDaysOf(bead, options.now);
  const urgentLabels = urgentLabelsOf(bead.labels, w.urgent_labels);
  const priority = w.priority_points[bead.priority] ?? 0;
  const unblocks = Math.min(w.unblock_cap, w.unblock_points * options.unblockedCount);
  const age = Math.min(w.age_cap, w.age_points_per_day * ageDays);
  const urgent = urgentLabels.length > 0 ? w.urgent_points : 0;
  return {
    total: Math.min(w.total_cap, priority + unblocks + age + urgent),
    priority,
    unblocks,
    age,
    urgent,
    unblockedCount: options.unblockedCount,
    ageDays,
    urgentLabels,
  };
}

/**
 * Whole days a bead has waited since it was created (the only way time enters its score).
 *
 * @param bead the bead
 * @param now epoch milliseconds
 * @returns 0 when it has no creation time or was created after `now`
 */
export function ageDaysOf(bead: Bead, now: number): number {
  const created = bead.createdAt;
  return created === undefined || created > now ? 0 : Math.floor((now - created) / DAY_MS);
}

/** Lowercase urgent labels per configured list, so scoring a queue builds the set once. */
const WANTED = new WeakMap<readonly string[], ReadonlySet<string>>();

function urgentLabelsOf(labels: readonly string[], urgent: readonly string[]): readonly string[] {
  if (labels.length === 0 || urgent.length === 0) return ZERO_SCORE.urgentLabels;
  let wanted = WANTED.get(urgent);
  if (wanted === undefined) {
    WANTED.set(
      urgent,
      wanted = new Set(urgent.map((l) => l.toLowerCase())),
    );
  }
  const set = wanted;
  const found = labels.filter((l) => set.has(l.toLowerCase()));
  return found.length === 0 ? ZERO_SCORE.urgentLabels : found;
}
