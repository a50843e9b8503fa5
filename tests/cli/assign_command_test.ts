import assert from "node:assert/strict";
import { join } from "node:path";
import { Store } from "../../src/store/mod.ts";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { classicLine, writeBeadsFile } from "../beads/_beads_fixtures.ts";
import { workerSandbox } from "./_workers.ts";

/** Short sim work, no failures; the built-in JSONL bead store whatever is on PATH. */
const ENV = {
  SIM_WORK_SECONDS: "1",
  SIM_CALL_SECONDS: "0.2",
  SIM_FAIL_PCT: "0",
  SIM_STALL_PCT: "0",
  SIM_LIMIT_PCT: "0",
  FORGE_BEAD_STORE: "jsonl",
};

const blocks = (id: string) => [{ depends_on_id: id, type: "blocks" }];

/** t-1 and t-2 ready, t-3 taken, t-4 blocked by t-5, t-6 closed. */
async function setup(sb: ForgeSandbox): Promise<string> {
  await Deno.writeTextFile(join(sb.home, "config.yaml"), "routing: {workers: [sim]}\n");
  return await writeBeadsFile(
    sb.workspace,
    "issues.jsonl",
    [
      classicLine({ id: "t-1", priority: 1 }),
      classicLine({ id: "t-2" }),
      classicLine({ id: "t-3", status: "in_progress", assignee: "someone" }),
      classicLine({ id: "t-4", dependencies: blocks("t-5") }),
      classicLine({ id: "t-5", priority: 3 }),
      classicLine({ id: "t-6", status: "closed" }),
    ].join("\n") + "\n",
  );
}

async function beadOf(path: string, id: string): Promise<Record<string, unknown> | undefined> {
  const lines = (await Deno.readTextFile(path)).split("\n").filter((l) => l.trim() !== "");
  return lines.map((l) => JSON.parse(l)).find((b) => b.id === id);
}

async function assign(sb: ForgeSandbox, args: string[]) {
  return await sb.forge(["assign", ...args], { env: ENV });
}

function rows(sb: ForgeSandbox, sql: string, ...params: string[]): Record<string, unknown>[] {
  const store = Store.open(join(sb.home, "forge.db"));
  try {
    return store.statement(sql).all(...params) as Record<string, unknown>[];
  } finally {
    store.close();
  }
}

Deno.test("forge assign routes a bead to a sim worker, records it, and the worker closes it", async (t) => {
  await using sb = await workerSandbox("assign");
  const beads = await setup(sb);
  const run = await assign(sb, ["t-1", "--json"]);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  const out = JSON.parse(run.stdout);
  const worker = String(out.worker_id);

  await t.step("it prints the worker and why it was chosen", () => {
    assert.match(worker, /^sim-/);
    assert.equal(out.bead_id, "t-1");
    assert.equal(out.workspace, sb.workspace);
    assert.equal(out.worker_type, "sim");
    assert.equal(out.model, "sim");
    assert.equal(out.plan, null);
    assert.equal(out.forced, false);
    assert.equal(out.orchestrator_pid, null);
    assert.match(out.reason, /^assigned by .+@.+: score \d+ → .*pay-per-token sim via sim$/);
  });

  await t.step("the routing decision and the assignment are in the store", () => {
    const [route] = rows(sb, "SELECT * FROM routing_decisions WHERE bead_id = ?", "t-1");
    assert.equal(route?.["outcome"], "assigned");
    assert.equal(route?.["model"], "sim");
    assert.equal(route?.["workspace"], sb.workspace);
    assert.equal(route?.["reason"], out.reason);
    const [a] = rows(sb, "SELECT * FROM assignments WHERE bead_id = ?", "t-1");
    assert.equal(a?.["worker_id"], worker);
    assert.equal(a?.["model"], "sim");
    assert.equal(a?.["tier"], out.tier);
    assert.equal(a?.["score"], out.score);
  });

  await t.step("the bead was claimed for the worker, which then closes it", async () => {
    const closed = await waitFor(async () => {
      const b = await beadOf(beads, "t-1");
      return b?.["status"] === "closed" ? b : undefined;
    }, { timeoutMs: 30_000, what: "the sim worker to close t-1" });
    assert.equal(closed["assignee"], worker);
  });

  await t.step("the assignment is audited", async () => {
    const audit = await sb.forge(["audit", "--action", "assign", "--json"]);
    assert.equal(audit.code, 0, audit.stderr);
    const [entry] = JSON.parse(audit.stdout).entries;
    assert.equal(entry.target, "t-1");
    assert.equal(entry.outcome, "ok");
    assert.equal(entry.details.worker, worker);
  });
});

Deno.test("forge assign --model uses a worker that runs the model; a model nobody runs exits 3", async (t) => {
  await using sb = await workerSandbox("assignmodel");
  const beads = await setup(sb);

  await t.step("a model nobody runs lists the models there are", async () => {
    const run = await assign(sb, ["t-2", "--model", "gpt-9"]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /Cannot assign bead "t-2" to model "gpt-9": no worker config/);
    assert.match(run.stderr, /models available: sim/);
    assert.equal((await beadOf(beads, "t-2"))?.["status"], "open");
  });

  await t.step("--model sim starts a sim worker and says it was named", async () => {
    // A live pid in the orchestrator's lock (this test's own) stands for a running orchestrator.
    await Deno.mkdir(join(sb.home, "state"), { recursive: true });
    await Deno.writeTextFile(join(sb.home, "state", "orchestrator.lock"), `${Deno.pid} 0\n`);
    const run = await assign(sb, ["t-2", "--model", "sim"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`the orchestrator \\(pid ${Deno.pid}\\) now sees t-2 in progress and adopts sim-`),
    );
    assert.match(
      run.stdout,
      /^✓ t-2 → sim-\S+ {2}model sim {2}pay-per-token {2}tier budget {2}pid \d+\n/,
    );
    assert.match(run.stdout, /\n {2}assigned by .+: --model sim; pay-per-token sim via sim\n$/);
    await waitFor(async () => (await beadOf(beads, "t-2"))?.["status"] === "closed", {
      timeoutMs: 30_000,
      what: "the sim worker to close t-2",
    });
  });
});

Deno.test("forge assign refuses beads it must not hand out", async (t) => {
  await using sb = await workerSandbox("assignrefuse");
  const beads = await setup(sb);
  const before = await Deno.readTextFile(beads);
  const cases: [string, string[], number, RegExp][] = [
    ["an unknown bead", ["t-404"], 3, /Cannot find bead "t-404"/],
    ["a bead in progress", ["t-3"], 1, /"t-3": it is already assigned to someone/],
    ["a closed bead", ["t-6"], 1, /"t-6": it is closed/],
    ["a blocked bead without --force", ["t-4"], 1, /"t-4": blocked by t-5 \(open\)/],
    ["a workspace without beads", ["t-1", "--workspace", sb.root], 3, /has no beads file/],
  ];
  for (const [name, args, code, message] of cases) {
    await t.step(name, async () => {
      const run = await assign(sb, args);
      assert.equal(run.code, code, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(await Deno.readTextFile(beads), before);
    });
  }
  await t.step("nothing was recorded", () => {
    assert.deepEqual(rows(sb, "SELECT id FROM assignments"), []);
  });
  await t.step("--force assigns the blocked bead anyway, and says so", async () => {
    const run = await assign(sb, ["t-4", "--force", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.forced, true);
    assert.match(out.reason, /past "blocked by t-5 \(open\)"/);
    assert.equal((await beadOf(beads, "t-4"))?.["assignee"], out.worker_id);
  });
});
