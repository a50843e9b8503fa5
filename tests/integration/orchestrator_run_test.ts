import assert from "node:assert/strict";
import { join } from "node:path";
import { Store } from "../../src/store/mod.ts";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { QUICK_SIM, readBeadStates, startForge, writeBeads, writeConfig } from "./_run.ts";

Deno.test("forge run works every ready bead to closed, in dependency order, each assigned once", async () => {
  await using sb = await forgeSandbox("run");
  await writeConfig(sb, "max_workers: 3\nrouting: {workers: [sim]}\n");
  await writeBeads(sb, [
    { id: "b-1", priority: 0 },
    { id: "b-2", priority: 1 },
    { id: "b-3", priority: 2, blockedBy: ["b-1"] },
    { id: "b-4", priority: 3 },
    { id: "b-5", priority: 1, blockedBy: ["b-3"] },
  ]);
  const run = startForge(sb, ["run", "--workspace", sb.workspace], QUICK_SIM);
  try {
    await waitFor(
      async () => [...(await readBeadStates(sb)).values()].every((b) => b.status === "closed"),
      {
        timeoutMs: 90_000,
        what: "every bead closed",
      },
    );
    // The engine sees each worker end at its next observation.
    await waitFor(() => run.lines.filter((l) => /finish\s+\S+: completed/.test(l)).length === 5, {
      timeoutMs: 30_000,
      what: "five completed workers",
    });
  } finally {
    run.signal("SIGTERM");
  }
  assert.equal(await run.exited, 0);
  const starts = run.lines.filter((l) => / start /.test(l));
  const order = starts.map((l) => / on (b-\d)/.exec(l)?.[1]);
  assert.ok(order.indexOf("b-3") > order.indexOf("b-1"), `b-3 after b-1 in ${order.join(",")}`);
  assert.ok(order.indexOf("b-5") > order.indexOf("b-3"), `b-5 after b-3 in ${order.join(",")}`);
  const store = Store.open(join(sb.home, "forge.db"));
  try {
    const rows = store.statement(
      "SELECT bead_id, count(*) AS n, max(outcome) AS outcome FROM assignments GROUP BY bead_id",
    )
      .all() as { bead_id: string; n: number; outcome: string | null }[];
    assert.deepEqual(rows.map((r) => [r.bead_id, Number(r.n), r.outcome]).sort(), [
      ["b-1", 1, "completed"],
      ["b-2", 1, "completed"],
      ["b-3", 1, "completed"],
      ["b-4", 1, "completed"],
      ["b-5", 1, "completed"],
    ]);
    const routed = store.statement(
      "SELECT count(*) AS n FROM routing_decisions WHERE outcome = 'assigned'",
    ).get() as { n: number };
    assert.equal(Number(routed.n), 5);
  } finally {
    store.close();
  }
});

Deno.test("a second orchestrator on the same FORGE home exits with a clear message", async () => {
  await using sb = await forgeSandbox("lock");
  await writeConfig(sb, "routing: {workers: [sim]}\n");
  await writeBeads(sb, [{ id: "l-1" }]);
  const first = startForge(sb, ["run", "--workspace", sb.workspace], {
    ...QUICK_SIM,
    SIM_WORK_SECONDS: "30",
  });
  try {
    await first.waitForLine(/start\s+\S+ on l-1/);
    const second = await sb.forge(["run", "--workspace", sb.workspace]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /another one runs \(pid \d+\)/);
    assert.match(
      second.stderr,
      /hint: stop it first \(`kill \d+`\), or follow it with `forge workers`/,
    );
  } finally {
    first.signal("SIGTERM");
    await first.exited;
    await sb.forge(["kill", "--all", "--yes"]);
  }
});
