/**
 * The task queue's speed on a generated workspace of 10,000 beads (about 10 MB of classic JSONL):
 * 80 % closed, 1-3 labels, 0-3 dependencies (mostly `blocks`, some `related`), epics with
 * parent-child trees, comments and long descriptions like real exports.
 * Targets (issue 4): read + parse + ready set + scores < 100 ms; an incremental change < 10 ms.
 * The engine's real path after a change (read again reusing unchanged lines, diff, apply) is
 * measured too, against a floor: bare JSON.parse of every line.
 */
import { join } from "node:path";
import type { Bead } from "../../src/domain/mod.ts";
import { SCORING_DEFAULTS } from "../../src/domain/mod.ts";
import {
  BeadLineCache,
  buildTaskQueue,
  diffBeads,
  readBeads,
  TaskGraph,
} from "../../src/beads/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";

const BEADS = 10_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const LABELS = ["api", "ui", "db", "cli", "docs", "perf", "urgent", "tests", "infra", "security"];
const WORDS = "the worker reads status files and routes each bead to the cheapest model that fits"
  .split(" ");

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
}

function text(rng: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(" ");
}

function issueLine(rng: () => number, i: number, epic: number): string {
  const id = `fb-${i.toString(36)}`;
  const at = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
  const deps: Record<string, string>[] = [];
  for (let d = Math.floor(rng() * 4); d > 0 && i > 0; d--) {
    const target = `fb-${Math.floor(rng() * i).toString(36)}`;
    deps.push({ issue_id: id, depends_on_id: target, type: rng() < 0.85 ? "blocks" : "related" });
  }
  if (epic >= 0 && epic !== i && rng() < 0.5) {
    deps.push({ issue_id: id, depends_on_id: `fb-${epic.toString(36)}`, type: "parent-child" });
  }
  const roll = rng();
  const status = roll < 0.8 ? "closed" : roll < 0.95 ? "open" : "in_progress";
  return JSON.stringify({
    id,
    title: text(rng, 8),
    description: text(rng, 75),
    status,
    priority: Math.floor(rng() * 5),
    issue_type: epic === i ? "epic" : rng() < 0.2 ? "bug" : "task",
    labels: Array.from(
      { length: 1 + Math.floor(rng() * 3) },
      () => LABELS[Math.floor(rng() * LABELS.length)],
    ),
    assignee: status === "in_progress" ? "sonnet-alpha" : "",
    created_at: at(30 + rng() * 300),
    updated_at: at(rng() * 30),
    ...(status === "closed" ? { closed_at: at(rng() * 30), close_reason: "Completed" } : {}),
    dependencies: deps,
    comments: rng() < 0.3
      ? [{ id: i, issue_id: id, author: "coder", text: text(rng, 40), created_at: at(1) }]
      : [],
  });
}

async function generate(path: string): Promise<number> {
  const rng = random(42);
  const lines: string[] = [];
  let epic = -1;
  for (let i = 0; i < BEADS; i++) {
    if (i % 60 === 0) epic = i;
    lines.push(issueLine(rng, i, epic));
  }
  const content = lines.join("\n") + "\n";
  await Deno.writeTextFile(path, content);
  return content.length;
}

const dir = await Deno.makeTempDir({ prefix: "forge_ready_bench_" });
await Deno.mkdir(join(dir, ".beads"));
const size = await generate(join(dir, ".beads", "issues.jsonl"));
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

const snapshot = await readBeads(dir, { fs: denoFs });
if (snapshot.beads.length !== BEADS || snapshot.skippedLines !== 0) {
  throw new Error(`read ${snapshot.beads.length} beads, skipped ${snapshot.skippedLines}`);
}
const options = { now: NOW, scoring: SCORING_DEFAULTS };
const graph = new TaskGraph(dir, snapshot.beads, options);
const ready = graph.queue.beads.filter((q) => q.state === "ready");
// The ready bead that holds back the most: closing it changes the most.
const target = ready.reduce((a, b) => (b.score.unblockedCount > a.score.unblockedCount ? b : a));
const closed: Bead = { ...target.bead, status: "closed" };
let flip = false;

// The same workspace with that bead closed in the file: what a running engine reads again after a
// worker closes a bead.
const after = join(dir, "after");
await Deno.mkdir(join(after, ".beads"), { recursive: true });
const lines = (await Deno.readTextFile(join(dir, ".beads", "issues.jsonl"))).split("\n");
const at = lines.findIndex((l) => l.startsWith(`{"id":"${target.bead.id}",`));
lines[at] = JSON.stringify({ ...JSON.parse(lines[at] ?? ""), status: "closed" });
await Deno.writeTextFile(join(after, ".beads", "issues.jsonl"), lines.join("\n"));
const lineCache = new BeadLineCache();
let engine = { beads: (await readBeads(dir, { fs: denoFs, cache: lineCache })).beads, flip: false };
const engineGraph = new TaskGraph(dir, engine.beads, options);
const bareLines = lines.filter((l) => l !== "");

Deno.bench({
  name: `read + parse + ready set + scores: ${BEADS} beads, ${(size / 1e6).toFixed(1)} MB`,
  group: "task queue",
  baseline: true,
  n: 20,
  warmup: 5,
  async fn() {
    const read = await readBeads(dir, { fs: denoFs });
    const queue = buildTaskQueue(read, options);
    if (queue.beads.length !== graph.queue.beads.length) throw new Error("a different queue");
  },
});

Deno.bench({
  name: "floor: JSON.parse of every line alone (no reading, no normalising)",
  group: "task queue",
  n: 20,
  warmup: 5,
  fn() {
    for (const line of bareLines) JSON.parse(line);
  },
});

Deno.bench({
  name: "of which read + parse alone (readBeads)",
  group: "task queue",
  n: 20,
  warmup: 5,
  async fn() {
    await readBeads(dir, { fs: denoFs });
  },
});

Deno.bench({
  name: "of which ready set + scores from parsed beads (no I/O)",
  group: "task queue",
  n: 20,
  warmup: 5,
  fn() {
    buildTaskQueue(snapshot, options);
  },
});

Deno.bench({
  name:
    `incremental: close (and reopen) ${target.bead.id}, which holds back ${target.score.unblockedCount}`,
  group: "task queue",
  n: 200,
  warmup: 20,
  fn() {
    flip = !flip;
    const queue = graph.apply([{ kind: "put", bead: flip ? closed : target.bead }]);
    if (queue.beads.length === 0) throw new Error("an empty queue");
  },
});

Deno.bench({
  name: "incremental with the clock moved (every age and deferral evaluated again)",
  group: "task queue",
  n: 200,
  warmup: 20,
  fn() {
    flip = !flip;
    graph.apply([{ kind: "put", bead: flip ? closed : target.bead }], {
      now: NOW + (flip ? 60_000 : 0),
    });
  },
});

Deno.bench({
  name: "engine reload after a bead closed in the file (read, reuse lines, diff, apply)",
  group: "task queue",
  n: 50,
  warmup: 5,
  async fn() {
    const flip = !engine.flip;
    const read = await readBeads(flip ? after : dir, { fs: denoFs, cache: lineCache });
    const changes = diffBeads(engine.beads, read.beads);
    if (changes.length !== 1) throw new Error(`${changes.length} changes, expected 1`);
    engineGraph.apply(changes);
    engine = { beads: read.beads, flip };
  },
});
