/**
 * answerQuery() and breakdownNeeded(), pure: the dashboard's fixture fleet (twelve workers, sixty
 * beads over three workspaces, reports, alerts, plans) plus small hand-built queues for the
 * exact wording. Every answer is one sentence, at most twenty lines, and text from beads and
 * workers arrives without control characters and capped.
 */
import assert from "node:assert/strict";
import { answerQuery, breakdownNeeded } from "../../src/chat/answers/mod.ts";
import type { ChatQuery } from "../../src/chat/tool_catalog.ts";
import type {
  BeadId,
  CostBreakdownReport,
  CostRowReport,
  FleetRouting,
  FleetSnapshot,
  QueuedBead,
  QueueState,
} from "../../src/domain/mod.ts";
import { FIXTURE_NOW, fixtureSnapshot, WORKSPACES } from "../dashboard/_fixture.ts";

const MINUTE = 60_000;

/** A queued bead with explicit score parts. */
function queued(
  id: string,
  state: QueueState,
  extra: Partial<QueuedBead> & { title?: string; priority?: number; deferUntil?: number } = {},
): QueuedBead {
  const { title, priority, deferUntil, ...rest } = extra;
  return {
    bead: {
      id: id as BeadId,
      title: title ?? `Bead ${id}`,
      description: "",
      status: state === "in_progress" ? "in_progress" : "open",
      priority: priority ?? 1,
      issueType: "task",
      labels: [],
      assignee: undefined,
      dependencies: [],
      createdAt: FIXTURE_NOW - 4 * 86_400_000,
      updatedAt: undefined,
      closedAt: undefined,
      deferUntil,
      pinned: false,
      ephemeral: false,
    },
    workspace: WORKSPACES[0]!,
    state,
    score: {
      total: 62,
      priority: 30,
      unblocks: 20,
      age: 12,
      urgent: 0,
      unblockedCount: 2,
      ageDays: 4,
      urgentLabels: [],
    },
    blockers: [],
    cycle: undefined,
    reason: state,
    ...rest,
  };
}

function routing(beadId: string, outcome: "assigned" | "waiting", reason: string): FleetRouting {
  return {
    at: FIXTURE_NOW - 3 * MINUTE,
    beadId,
    workspace: WORKSPACES[0]!,
    score: 62,
    tier: "standard",
    model: outcome === "assigned" ? "claude-sonnet-4-5" : undefined,
    plan: outcome === "assigned" ? "claude-max" : undefined,
    outcome,
    reason,
  };
}

function small(overrides: Partial<FleetSnapshot>): FleetSnapshot {
  return fixtureSnapshot({ workers: 2, beads: 0, overrides: { routing: [], ...overrides } });
}

function row(key: string | null, usd: number, billed: number, calls: number): CostRowReport {
  return {
    key,
    calls,
    tokens: { input: calls * 1000, output: calls * 100, cache_read: 0, cache_write: 0, total: 0 },
    cost_usd: usd,
    cost_nanos: usd * 1e9,
    billed_usd: billed,
    billed_nanos: billed * 1e9,
  };
}

/** This week by model: opus $80 (billed), sonnet $30 (on a plan), glm $10 (on a plan). */
const BY_MODEL: CostBreakdownReport = {
  generated_at: "2026-11-25T14:03:27.000Z",
  since: "2026-11-23T00:00:00.000Z",
  until: "2026-11-30T00:00:00.000Z",
  by: "model",
  rows: [
    row("claude-opus-4-5", 80, 80, 100),
    row("claude-sonnet-4-5", 30, 0, 50),
    row("glm-4.6", 10, 0, 20),
  ],
  total: row(null, 120, 80, 170),
};

Deno.test("breakdownNeeded() asks for a breakdown only for costs by a dimension or of models", async (t) => {
  const cases: [string, ChatQuery, ReturnType<typeof breakdownNeeded>][] = [
    ["totals", { kind: "costs", period: "week" }, undefined],
    ["by worker", { kind: "costs", period: "month", by: "worker" }, {
      period: "month",
      by: "worker",
    }],
    ["one model", { kind: "costs", period: "today", model: "opus" }, {
      period: "today",
      by: "model",
    }],
    ["one model by plan", { kind: "costs", period: "today", model: "opus", by: "plan" }, {
      period: "today",
      by: "model",
    }],
    ["not costs", { kind: "metrics" }, undefined],
  ];
  for (const [name, query, expected] of cases) {
    await t.step(name, () => assert.deepEqual(breakdownNeeded(query), expected));
  }
});

Deno.test("answerQuery() lists workers by state and workspace", async (t) => {
  const snapshot = fixtureSnapshot();
  const ids = (q: ChatQuery, names: { path: string; name: string }[] = []) =>
    (answerQuery(q, { snapshot, workspaces: names }).data as { id: string }[]).map((w) => w.id);
  await t.step("all, with a summary by state", () => {
    const a = answerQuery({ kind: "workers", state: "all" }, { snapshot });
    assert.equal(
      a.message,
      "12 workers: 6 active, 2 idle, 1 starting, 1 paused, 1 stopped, 1 failed; 2 unhealthy.",
    );
    assert.match(a.lines[0] ?? "", /^WORKER +STATE +HEALTH +MODEL +WORKSPACE +BEAD +UP$/);
    assert.match(
      a.lines[1] ?? "",
      /^sonnet-alpha +active +healthy +claude-sonnet-4-5 +api-gateway +api-100 /,
    );
    assert.equal(a.lines.length, 13);
  });
  await t.step("unhealthy: running workers in trouble, not ended ones", () => {
    assert.deepEqual(ids({ kind: "workers", state: "unhealthy" }), ["haiku-delta", "sim-foxtrot"]);
  });
  await t.step("by folder name, path, path end and configured name", () => {
    const infra = ["codex-charlie", "sim-foxtrot", "codex-india", "sim-lima"];
    assert.deepEqual(ids({ kind: "workers", state: "all", workspace: "INFRA" }), infra);
    assert.deepEqual(
      ids({ kind: "workers", state: "all", workspace: "/home/dev/src/infra/" }),
      infra,
    );
    assert.deepEqual(ids({ kind: "workers", state: "all", workspace: "src/infra" }), infra);
    assert.deepEqual(
      ids({ kind: "workers", state: "idle", workspace: "ops" }, [
        { path: "/home/dev/src/infra", name: "ops" },
      ]),
      ["codex-charlie", "codex-india"],
    );
  });
  await t.step("none of a state in a workspace", () => {
    const a = answerQuery({ kind: "workers", state: "idle", workspace: "web-console" }, {
      snapshot,
    });
    assert.deepEqual([a.message, a.lines, a.data], [
      "No idle workers in web-console (12 workers in all).",
      [],
      [],
    ]);
  });
  await t.step("an unknown workspace names the known ones", () => {
    const a = answerQuery({ kind: "workers", state: "all", workspace: "mobile" }, { snapshot });
    assert.equal(
      a.message,
      'No workspace matches "mobile" (known: api-gateway, infra, web-console).',
    );
  });
  await t.step("data is the API's worker shape", () => {
    const [first] = answerQuery({ kind: "workers", state: "active" }, { snapshot }).data as Record<
      string,
      unknown
    >[];
    assert.deepEqual(Object.keys(first ?? {}).slice(0, 4), ["id", "model", "status", "health"]);
    assert.equal(first?.["worker_type"], "claude-code");
  });
});

Deno.test("answerQuery() lists beads of the queue by state, priority and workspace", async (t) => {
  const snapshot = fixtureSnapshot();
  const ask = (q: Partial<Extract<ChatQuery, { kind: "tasks" }>>) =>
    answerQuery({ kind: "tasks", state: "ready", limit: 10, ...q }, { snapshot });
  const beads = (a: ReturnType<typeof ask>) =>
    a.data as {
      id: string;
      state: string;
      priority: number;
      workspace: string;
      score: { total: number };
    }[];
  await t.step("ready, best score first, at most the limit", () => {
    const a = ask({ limit: 5 });
    assert.equal(
      a.message,
      `The first 5 of ${snapshot.counts.ready} ready beads, best score first.`,
    );
    const scores = beads(a).map((b) => b.score.total);
    assert.deepEqual(scores, [...scores].sort((x, y) => y - x));
    assert.equal(beads(a).length, 5);
    assert.ok(beads(a).every((b) => b.state === "ready"));
  });
  await t.step("waiting means blocked or deferred, with why", () => {
    const a = ask({ state: "waiting", limit: 100 });
    assert.equal(beads(a).length, snapshot.counts.blocked + snapshot.counts.deferred);
    assert.ok(beads(a).every((b) => b.state === "blocked" || b.state === "deferred"));
    assert.match(a.lines[1] ?? "", /blocked by \S+ \(open\)$/);
  });
  await t.step("priority and workspace together", () => {
    const a = ask({ state: "all", priority: 0, workspace: "api-gateway", limit: 100 });
    assert.ok(beads(a).length > 0);
    assert.ok(beads(a).every((b) => b.priority === 0 && b.workspace === WORKSPACES[0]));
    assert.match(a.message, /^\d+ P0 beads in api-gateway: in progress first/);
    assert.doesNotMatch(a.lines[0] ?? "", /WORKSPACE/, "one workspace: no column for it");
  });
  await t.step("many beads stay within the line budget", () => {
    const a = ask({ state: "all", limit: 100 });
    assert.equal(a.lines.length, 20);
    assert.equal(a.lines.at(-1), "… 42 more");
    assert.equal(beads(a).length, 60, "data keeps every bead up to the limit");
  });
  await t.step("nothing matches", () => {
    const a = ask({ state: "in_progress", priority: 4, workspace: "infra" });
    assert.match(
      a.message,
      /^No in progress P4 beads in infra \(\d+ ready, 6 in progress, \d+ waiting\)\.$/,
    );
  });
});

Deno.test("answerQuery() explains where a bead is and why", async (t) => {
  const worker = fixtureSnapshot({ workers: 1, beads: 0 }).workers[0]!;
  const busy = {
    ...worker,
    view: {
      ...worker.view,
      status: { ...worker.view.status, currentTask: "bd-1", startedAt: FIXTURE_NOW - 12 * MINUTE },
    },
  };
  const snapshot = small({
    workers: [busy],
    tasks: [
      queued("bd-1", "in_progress", { reason: "assigned to sonnet-alpha" }),
      queued("bd-2", "ready"),
      queued("bd-3", "ready", { score: { ...queued("x", "ready").score, total: 40 } }),
      queued("bd-4", "blocked", {
        reason: "blocked by bd-9 (open)",
        blockers: [{ id: "bd-9", status: "open", via: "blocks" }],
      }),
      queued("bd-5", "blocked", { reason: "in a dependency cycle", cycle: ["bd-5", "bd-6"] }),
      queued("bd-7", "deferred", {
        reason: "deferred until 2026-12-01",
        deferUntil: Date.UTC(2026, 11, 1, 9),
      }),
    ],
    routing: [
      routing("bd-3", "waiting", "no tier has room: max_workers reached (16)"),
      routing("bd-1", "assigned", "score 62 → standard"),
    ],
  });
  const explain = (bead: string) => answerQuery({ kind: "explain", bead }, { snapshot });
  await t.step("in progress: the worker and the routing decision", () => {
    const a = explain("bd-1");
    assert.equal(
      a.message,
      "bd-1 is in progress on sonnet-alpha (claude-sonnet-4-5, active, 12m00s).",
    );
    assert.deepEqual(a.lines, [
      "bd-1  Bead bd-1",
      "  workspace /home/dev/src/api-gateway",
      "  state     in progress",
      "  priority   30  P1 (high)",
      "  unblocks   20  2 open beads wait on it",
      "  age        12  4 days since created",
      "  urgent      0  no urgent label",
      "  score      62",
      "  why       assigned to sonnet-alpha",
      "  worker    sonnet-alpha (claude-sonnet-4-5, active, 12m00s)",
      "  routing   3m ago: assigned to claude-sonnet-4-5 on claude-max, score 62 → standard",
    ]);
    assert.deepEqual((a.data as { worker: string }).worker, "sonnet-alpha");
  });
  await t.step("ready: its place in line", () => {
    assert.equal(
      explain("bd-2").message,
      "bd-2 is ready with score 62, 1 of 2 in line; it starts when a worker is free.",
    );
  });
  await t.step("ready but held back by the engine", () => {
    assert.equal(
      explain("BD-3").message,
      "bd-3 is ready with score 40, 2 of 2 in line; the engine last held it back: " +
        "no tier has room: max_workers reached (16).",
    );
  });
  await t.step("blocked: each blocker", () => {
    const a = explain("bd-4");
    assert.equal(a.message, "bd-4 waits: blocked by bd-9 (open).");
    assert.ok(a.lines.includes("  blocker   bd-9 (open, blocks)"), a.lines.join("\n"));
  });
  await t.step("a cycle", () => {
    assert.ok(explain("bd-5").lines.includes("  cycle     bd-5 → bd-6 → bd-5"));
  });
  await t.step("deferred: until when", () => {
    const a = explain("bd-7");
    assert.equal(a.message, "bd-7 waits: deferred until 2026-12-01.");
    assert.ok(a.lines.includes("  deferred  until 2026-12-01 09:00"));
  });
  await t.step("an unknown bead names near ids", () => {
    const a = explain("bd-8");
    assert.match(
      a.message,
      /^No bead "bd-8" in the queue \(closed beads and epics are not in it\); did you mean bd-/,
    );
    assert.deepEqual(a.lines, []);
    assert.equal(
      explain("zzz").message,
      'No bead "zzz" in the queue (closed beads and epics are not in it).',
    );
  });
});

Deno.test("answerQuery() answers costs from the snapshot and from a breakdown", async (t) => {
  const snapshot = fixtureSnapshot();
  const costs = (
    q: Partial<Extract<ChatQuery, { kind: "costs" }>>,
    breakdown?: CostBreakdownReport,
  ) =>
    answerQuery(
      { kind: "costs", period: "week", ...q },
      { snapshot, ...(breakdown === undefined ? {} : { breakdown }) },
    );
  await t.step("a period's total", () => {
    const a = costs({ period: "today" });
    assert.equal(
      a.message,
      "Usage today came to $18.17 at list price over 1,744 calls; $5.63 of it is billed " +
        "pay-per-token, the rest is covered by plans.",
    );
    assert.equal(a.lines[0], "span       2026-11-25 00:00 to 2026-11-26 00:00 UTC");
    assert.equal((a.data as { period: string; cost_usd: number }).cost_usd, 18.17);
  });
  await t.step("the month adds its projection and the budget", () => {
    const a = costs({ period: "month" });
    assert.deepEqual(a.lines.slice(-2), [
      "projected  $412.80 billed by month end + $415.00 plan fees = $827.80",
      "budget     $500.00: 20% used, 83% projected",
    ]);
  });
  await t.step("by model", () => {
    const a = costs({ by: "model" }, BY_MODEL);
    assert.equal(
      a.message,
      "Usage this week came to $120.00 at list price over 3 models; the most went to " +
        "claude-opus-4-5: $80.00 (67%).",
    );
    assert.deepEqual(a.lines, [
      "MODEL              COST    BILLED  CALLS  TOKENS",
      "claude-opus-4-5    $80.00  $80.00  100    0",
      "claude-sonnet-4-5  $30.00  $0.00   50     0",
      "glm-4.6            $10.00  $0.00   20     0",
    ]);
  });
  await t.step("models whose name contains some text", () => {
    const a = costs({ model: "Claude" }, BY_MODEL);
    assert.equal(
      a.message,
      '2 models matching "Claude" cost $110.00 at list price this week ($80.00 billed ' +
        "pay-per-token) over 150 calls.",
    );
    const data = a.data as { rows: { key: string }[]; total: { cost_nanos: number } };
    assert.deepEqual(data.rows.map((r) => r.key), ["claude-opus-4-5", "claude-sonnet-4-5"]);
    assert.equal(data.total.cost_nanos, 110e9);
  });
  await t.step("no model matches", () => {
    assert.equal(
      costs({ model: "gemini", by: "worker" }, BY_MODEL).message,
      'No model matching "gemini" was used this week (used: claude-opus-4-5, claude-sonnet-4-5, ' +
        "glm-4.6).",
    );
    assert.deepEqual(
      costs({ model: "opus", by: "worker" }, BY_MODEL).lines.at(-1),
      '(by worker cannot be filtered by model: these are the models matching "opus")',
    );
  });
  await t.step("without the breakdown it asked for, the total and a note", () => {
    const a = costs({ by: "plan" });
    assert.match(a.message, /^Usage this week came to \$61\.90/);
    assert.equal(a.lines.at(-1), "(no breakdown by plan: the store was not read for it)");
  });
  await t.step("before the store was read", () => {
    const a = answerQuery({ kind: "costs", period: "today" }, {
      snapshot: { ...snapshot, costs: undefined, problems: ["store: database is locked"] },
    });
    assert.deepEqual([a.message, a.lines], [
      "Costs are not available yet: the store has not been read.",
      ["store: database is locked"],
    ]);
  });
});

Deno.test("answerQuery() answers metrics, alerts and subscriptions from the snapshot", async (t) => {
  const snapshot = fixtureSnapshot();
  const ask = (q: ChatQuery, s = snapshot) => answerQuery(q, { snapshot: s });
  await t.step("metrics", () => {
    const a = ask({ kind: "metrics" });
    assert.equal(
      a.message,
      "In the last 24 hours 148 tasks completed and 9 failed (94% success); p50 6m40s, " +
        "p95 25m27s, 6.2 completed an hour.",
    );
    assert.match(a.lines.at(-1) ?? "", /^all models +148 +9 +94% /);
    assert.equal(
      ask({ kind: "metrics" }, { ...snapshot, metrics: undefined }).message,
      "Metrics are not available yet: the store has not been read.",
    );
  });
  await t.step("open alerts, and all recent ones", () => {
    const open = ask({ kind: "alerts", all: false });
    assert.equal(open.message, "4 open alerts: 1 critical, 2 warnings, 1 info.");
    assert.match(open.lines[1] ?? "", /^#11 +critical +4m +sim-lima +process gone/);
    const all = ask({ kind: "alerts", all: true });
    assert.equal(all.message, "5 recent alerts (1 critical, 3 warnings, 1 info); 4 still open.");
    assert.deepEqual((all.data as { id: number }[]).map((x) => x.id), [11, 10, 9, 8, 7]);
    assert.equal(
      ask({ kind: "alerts", all: false }, { ...snapshot, alerts: [] }).message,
      "No open alerts.",
    );
  });
  await t.step("subscriptions", () => {
    const a = ask({ kind: "subscriptions" });
    assert.equal(
      a.message,
      "4 plans; the fullest is claude-max at 90% of its 900 messages; parked: claude-max for 56m33s.",
    );
    assert.match(
      a.lines[2] ?? "",
      /^chatgpt-pro +4,410 requests +6,000 requests +74% +80% +on pace +in 5d09h$/,
    );
    assert.equal(
      ask({ kind: "subscriptions" }, { ...snapshot, plans: [], parked: [] }).message,
      "No subscription plans are configured (subscriptions: in config.yaml).",
    );
  });
});

Deno.test("answerQuery() keeps text from beads and workers harmless and short", () => {
  const hostile = "\x1b[2J\x1b]0;pwned\x07Fix\u202e\u200b it\r\nnow " + "x".repeat(5_000);
  const snapshot = fixtureSnapshot({ title: () => hostile, workers: 200, beads: 500 });
  const queries: ChatQuery[] = [
    { kind: "workers", state: "all" },
    { kind: "tasks", state: "all", limit: 100 },
    { kind: "explain", bead: snapshot.tasks[3]!.bead.id },
    { kind: "explain", bead: "\x1b[31mnope" },
    { kind: "costs", period: "month" },
    { kind: "metrics" },
    { kind: "alerts", all: true },
    { kind: "subscriptions" },
  ];
  for (const q of queries) {
    const a = answerQuery(q, { snapshot });
    const text = [a.message, ...a.lines, JSON.stringify(a.data)].join("\n");
    assert.ok(a.lines.length <= 20, `${q.kind}: ${a.lines.length} lines`);
    // deno-lint-ignore no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u200b]/, q.kind);
    assert.ok(a.lines.every((l) => l.length <= 160), `${q.kind}: a line is too long`);
    assert.ok(!a.message.includes("\n"), `${q.kind}: one line`);
  }
  const tasks = answerQuery({ kind: "tasks", state: "all", limit: 5 }, { snapshot });
  assert.match(tasks.lines[1] ?? "", / Fix it now x+… {2}/);
  const [first] = tasks.data as { title: string }[];
  assert.equal(first?.title.length, 500);
  assert.ok(first?.title.startsWith("[2J ]0;pwned Fix it now x"), first?.title.slice(0, 40));
});
