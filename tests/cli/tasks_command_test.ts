import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";
import { classicLine, writeBeadsFile } from "../beads/_beads_fixtures.ts";

const LONG_AGO = "2020-01-01T00:00:00Z";

/** Old enough that every age is at its cap, whatever today is. */
function line(fields: Record<string, unknown>): string {
  return classicLine({ created_at: LONG_AGO, updated_at: LONG_AGO, ...fields });
}

const blocks = (id: string, type = "blocks") => ({ depends_on_id: id, type });

/** r (P1, urgent) blocks b; b is the parent of c; e is an epic; w is taken; z is closed. */
async function workspace(dir: string, extra: string[] = []): Promise<void> {
  await writeBeadsFile(
    dir,
    "issues.jsonl",
    [
      line({ id: "t-r", title: "Root work", priority: 1, labels: ["urgent", "api"] }),
      line({ id: "t-b", title: "Blocked work", dependencies: [blocks("t-r")] }),
      line({ id: "t-c", title: "Child work", dependencies: [blocks("t-b", "parent-child")] }),
      line({ id: "t-e", title: "An epic", issue_type: "epic" }),
      line({ id: "t-w", title: "Taken", status: "in_progress", assignee: "sonnet-alpha" }),
      line({ id: "t-m", title: "Waits on nothing known", dependencies: [blocks("t-404")] }),
      line({ id: "t-z", title: "Done", status: "closed" }),
      ...extra,
    ].join("\n") + "\n",
  );
}

async function tasks(sb: ForgeSandbox, args: string[]) {
  const run = await sb.forge(["tasks", "--workspace", sb.workspace, ...args]);
  assert.equal(run.code, 0, run.stderr);
  return run;
}

Deno.test("forge tasks prints the queue: ready first, every waiting bead with its reason", async () => {
  await using sb = await forgeSandbox("tasks");
  await workspace(sb.workspace);
  const run = await tasks(sb, []);
  assert.equal(run.stderr, "");
  assert.equal(
    run.stdout,
    [
      "ID   P   SCORE  STATE        TITLE                   REASON",
      "t-r  P1  80     ready        Root work",
      "t-w  P2  40     in_progress  Taken                   in progress, assigned to sonnet-alpha",
      "t-b  P2  40     blocked      Blocked work            blocked by t-r (open)",
      "t-c  P2  40     blocked      Child work              parent t-b is blocked",
      "t-m  P2  40     blocked      Waits on nothing known  blocked by t-404 (missing)",
      't-e  P2  40     not_work     An epic                 type "epic" is not work for an agent',
      "6 shown of 6 (1 ready, 1 in progress, 3 blocked, 1 not work); missing blockers: t-404",
      "",
    ].join("\n"),
  );
});

Deno.test("forge tasks filters by state; --all adds closed beads", async (t) => {
  await using sb = await forgeSandbox("tasks");
  await workspace(sb.workspace);
  const cases: [string[], string[]][] = [
    [["--ready"], ["t-r"]],
    [["--blocked"], ["t-b", "t-c", "t-m"]],
    [["--in-progress"], ["t-w"]],
    [["--ready", "--in-progress"], ["t-r", "t-w"]],
    [["--all"], ["t-r", "t-w", "t-b", "t-c", "t-m", "t-e", "t-z"]],
    [[], ["t-r", "t-w", "t-b", "t-c", "t-m", "t-e"]],
  ];
  for (const [flags, ids] of cases) {
    await t.step(flags.join(" ") || "no flag", async () => {
      const run = await tasks(sb, ["--json", ...flags]);
      assert.deepEqual(JSON.parse(run.stdout).map((q: { id: string }) => q.id), ids);
    });
  }
});

Deno.test("forge tasks --json prints snake_case queued beads", async () => {
  await using sb = await forgeSandbox("tasks");
  await workspace(sb.workspace);
  const [root, waiting] = JSON.parse((await tasks(sb, ["--json", "--all"])).stdout);
  assert.deepEqual(root, {
    id: "t-r",
    workspace: sb.workspace,
    title: "Root work",
    state: "ready",
    status: "open",
    priority: 1,
    issue_type: "task",
    labels: ["urgent", "api"],
    assignee: null,
    score: {
      total: 80,
      priority: 30,
      unblocks: 20,
      age: 20,
      urgent: 10,
      unblocked_count: 2,
      age_days: root.score.age_days,
      urgent_labels: ["urgent"],
    },
    blockers: [],
    cycle: null,
    reason: "ready",
    created_at: "2020-01-01T00:00:00.000Z",
    updated_at: "2020-01-01T00:00:00.000Z",
    defer_until: null,
  });
  assert.ok(root.score.age_days > 2000);
  assert.deepEqual(waiting.assignee, "sonnet-alpha");
  const blocked = JSON.parse((await tasks(sb, ["--json", "--blocked"])).stdout);
  assert.deepEqual(blocked.map((q: { blockers: unknown }) => q.blockers), [
    [{ id: "t-r", status: "open", via: "blocks" }],
    [{ id: "t-b", status: "open", via: "parent-child" }],
    [{ id: "t-404", status: "missing", via: "blocks" }],
  ]);
});

Deno.test("forge tasks --explain shows each score component and why a bead waits", async () => {
  await using sb = await forgeSandbox("tasks");
  await workspace(sb.workspace);
  const run = await tasks(sb, ["--explain"]);
  const blocks = run.stdout.split("\n\n");
  assert.match(blocks[0] ?? "", /^t-r {2}Root work\n {2}state {5}ready\n/);
  assert.match(blocks[0] ?? "", /\n {2}priority {3}30 {2}P1 \(high\)\n/);
  assert.match(blocks[0] ?? "", /\n {2}unblocks {3}20 {2}2 open beads wait on it\n/);
  assert.match(blocks[0] ?? "", /\n {2}age {8}20 {2}\d+ days since created\n/);
  assert.match(blocks[0] ?? "", /\n {2}urgent {5}10 {2}label urgent\n/);
  assert.match(blocks[0] ?? "", /\n {2}score {6}80$/);
  assert.doesNotMatch(blocks[0] ?? "", /why/);
  const child = blocks.find((b) => b.startsWith("t-c ")) ?? "";
  assert.match(child, /\n {2}why {7}parent t-b is blocked$/);
});

Deno.test("forge tasks says the score was capped when the parts add up to more", async () => {
  await using sb = await forgeSandbox("tasks");
  await writeBeadsFile(
    sb.workspace,
    "issues.jsonl",
    [
      line({ id: "hot", priority: 0, labels: ["hotfix"] }),
      ...["a", "b", "c"].map((id) => line({ id, dependencies: [blocks("hot")] })),
    ].join("\n") + "\n",
  );
  await Deno.writeTextFile(join(sb.home, "config.yaml"), "scoring:\n  urgent_points: 25\n");
  const run = await tasks(sb, ["--explain", "--ready"]);
  assert.match(
    run.stdout,
    /\n {2}urgent {5}25 {2}label hotfix\n {2}score {5}100 {2}capped at 100\n/,
  );
});

Deno.test("forge tasks uses the scoring weights and not-work types of the configuration", async () => {
  await using sb = await forgeSandbox("tasks");
  await workspace(sb.workspace);
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    "scoring:\n  priority_points: [5, 4, 3, 2, 1]\n  age_cap: 0\n  not_work_types: [task]\n",
  );
  const queue = JSON.parse((await tasks(sb, ["--json"])).stdout);
  const states = queue.map((q: { id: string; state: string; score: { total: number } }) => [
    q.id,
    q.state,
    q.score.total,
  ]);
  assert.deepEqual(states, [
    ["t-e", "ready", 3],
    ["t-r", "not_work", 34],
    ["t-b", "not_work", 3],
    ["t-c", "not_work", 3],
    ["t-m", "not_work", 3],
    ["t-w", "not_work", 3],
  ]);
});

Deno.test("forge tasks in a workspace without .beads/ says so and exits 0", async (t) => {
  await using sb = await forgeSandbox("tasks");
  await t.step("table", async () => {
    const run = await tasks(sb, []);
    assert.equal(run.stdout, `${sb.workspace}: no beads here; run br init / bd init\n`);
  });
  await t.step("json", async () => {
    const run = await tasks(sb, ["--json"]);
    assert.equal(run.stdout, "[]\n");
    assert.match(run.stderr, /no beads here; run br init \/ bd init/);
  });
});

Deno.test("forge tasks warns about unreadable lines with their counts", async () => {
  await using sb = await forgeSandbox("tasks");
  await workspace(sb.workspace, ["<<<<<<< HEAD", "=======", ">>>>>>> other", "{broken"]);
  const run = await tasks(sb, ["--ready"]);
  const file = join(sb.workspace, ".beads", "issues.jsonl");
  assert.match(run.stderr, new RegExp(`warning: ${file}: skipped 4 unreadable lines\n`));
  assert.match(run.stderr, /problems while reading: conflict-marker ×3, malformed-line ×1/);
  assert.match(run.stdout, /^ID +P +SCORE/);
});

Deno.test("forge tasks reads every --workspace given", async () => {
  await using sb = await forgeSandbox("tasks");
  const other = join(sb.root, "other");
  await workspace(sb.workspace);
  await writeBeadsFile(other, "issues.jsonl", line({ id: "o-1", title: "Elsewhere" }) + "\n");
  const run = await tasks(sb, ["--workspace", other, "--ready", "--json"]);
  assert.deepEqual(
    JSON.parse(run.stdout).map((q: { id: string; workspace: string }) => [q.id, q.workspace]),
    [
      ["t-r", sb.workspace],
      ["o-1", other],
    ],
  );
  const table = await tasks(sb, ["--workspace", other, "--ready"]);
  assert.match(table.stdout, new RegExp(`^${sb.workspace}\n`));
  assert.match(table.stdout, new RegExp(`\n${other}\nID +P +SCORE +STATE +TITLE +REASON\no-1 `));
});

Deno.test("forge tasks refuses a workspace that is not a directory (exit 3)", async () => {
  await using sb = await forgeSandbox("tasks");
  const run = await sb.forge(["tasks", "--workspace", join(sb.root, "nowhere")]);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /Cannot use workspace ".*nowhere": it is not a directory/);
});

Deno.test("forge tasks without --workspace lists the configured workspaces, and says so when there is none", async () => {
  await using sb = await forgeSandbox("tasksws");
  const other = join(sb.root, "other");
  await Deno.mkdir(join(other, ".beads"), { recursive: true });
  await Deno.writeTextFile(
    join(other, ".beads", "issues.jsonl"),
    JSON.stringify({ id: "o-1", title: "Elsewhere", status: "open", priority: 1 }) + "\n",
  );
  const empty = await sb.forge(["tasks"], { cwd: sb.root });
  assert.equal(empty.code, 3);
  assert.match(empty.stderr, /Cannot list beads: no workspace/);
  await Deno.writeTextFile(join(sb.home, "config.yaml"), `workspaces: [{path: "${other}/"}]\n`);
  const listed = await sb.forge(["tasks", "--json"], { cwd: sb.root });
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(
    JSON.parse(listed.stdout).map((b: { id: string; workspace: string }) => [b.id, b.workspace]),
    [["o-1", other]],
    "the configured path, normalised",
  );
});
