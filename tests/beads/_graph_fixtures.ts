/**
 * Beads for the graph, ready-set and score tests, built in memory (no files), plus a seeded
 * generator of random graphs for the property tests.
 */
import type { Bead, BeadDependency, QueuedBead, TaskQueue } from "../../src/domain/mod.ts";
import { SCORING_DEFAULTS, toBeadId } from "../../src/domain/mod.ts";
import { buildTaskQueue, type TaskGraphOptions } from "../../src/beads/mod.ts";

/** The tests' "now": 2026-11-25T12:00:00Z. */
export const NOW = Date.UTC(2026, 10, 25, 12);
export const DAY = 86_400_000;

/** A dependency edge; `blocks` unless told. */
export function dep(target: string, type = "blocks"): BeadDependency {
  return { target: toBeadId(target), type };
}

/** Bead fields a test may set; `deps` takes edges or bare blocker ids. */
export type BeadFields = Partial<Omit<Bead, "id" | "dependencies">> & {
  readonly deps?: readonly (BeadDependency | string)[];
};

/** An open, unassigned P2 task created at NOW unless told otherwise. */
export function bead(id: string, fields: BeadFields = {}): Bead {
  const { deps = [], ...rest } = fields;
  return {
    id: toBeadId(id),
    title: `Title of ${id}`,
    description: "",
    status: "open",
    priority: 2,
    issueType: "task",
    labels: [],
    assignee: undefined,
    createdAt: NOW,
    updatedAt: NOW,
    closedAt: undefined,
    deferUntil: undefined,
    pinned: false,
    ephemeral: false,
    ...rest,
    dependencies: deps.map((d) => (typeof d === "string" ? dep(d) : d)),
  };
}

/** The queue of some beads at NOW with the default weights. */
export function queueOf(
  beads: readonly Bead[],
  options: Partial<TaskGraphOptions> = {},
): TaskQueue {
  return buildTaskQueue({ workspace: "/ws", beads }, {
    now: NOW,
    scoring: SCORING_DEFAULTS,
    ...options,
  });
}

/** The queued bead with this id; throws when the queue does not list it. */
export function entry(queue: TaskQueue, id: string): QueuedBead {
  const found = queue.beads.find((q) => q.bead.id === id);
  if (found === undefined) throw new Error(`the queue does not list ${id}`);
  return found;
}

/** Ids in a state, in queue order. */
export function idsIn(queue: TaskQueue, state: QueuedBead["state"]): string[] {
  return queue.beads.filter((q) => q.state === state).map((q) => q.bead.id);
}

const STATUSES = [
  "open",
  "open",
  "open",
  "open",
  "closed",
  "closed",
  "in_progress",
  "deferred",
  "blocked",
  "tombstone",
  "hooked",
  "in_review",
];
const TYPES = [
  "blocks",
  "blocks",
  "parent-child",
  "parent-child",
  "conditional-blocks",
  "waits-for",
];
const MORE_TYPES = [...TYPES, "related", "discovered-from"];

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** No deferral mostly; else a day or two either side of NOW, or within its next few hours. */
function deferral(rng: () => number): number | undefined {
  const roll = rng();
  if (roll < 0.85) return undefined;
  const span = roll < 0.92 ? 4 * DAY : 3 * 3_600_000;
  return NOW + Math.floor((rng() - (span === 4 * DAY ? 0.5 : 0)) * span);
}

/** A random bead over ids `b0`…`b{size-1}` (edges may also name missing ids `gone-*`). */
export function randomBead(rng: () => number, id: string, size: number): Bead {
  const deps: BeadDependency[] = [];
  const edges = Math.floor(rng() * 4);
  for (let i = 0; i < edges; i++) {
    const target = rng() < 0.08 ? `gone-${Math.floor(rng() * 3)}` : `b${Math.floor(rng() * size)}`;
    const type = pick(rng, MORE_TYPES);
    if (!deps.some((d) => d.target === target && d.type === type)) deps.push(dep(target, type));
  }
  const roll = rng();
  return bead(id, {
    status: pick(rng, STATUSES),
    priority: Math.floor(rng() * 5),
    issueType: roll < 0.07 ? "epic" : roll < 0.1 ? "alternative" : "task",
    labels: rng() < 0.2 ? ["urgent"] : rng() < 0.2 ? ["ui", "Hotfix"] : [],
    assignee: rng() < 0.1 ? "w1" : undefined,
    createdAt: NOW - Math.floor(rng() * 12 * DAY),
    deferUntil: deferral(rng),
    pinned: rng() < 0.03,
    ephemeral: rng() < 0.03,
    deps,
  });
}

/** A random graph of `size` beads. */
export function randomBeads(rng: () => number, size: number): Bead[] {
  return Array.from({ length: size }, (_, i) => randomBead(rng, `b${i}`, size));
}
