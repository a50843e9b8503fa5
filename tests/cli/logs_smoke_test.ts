import assert from "node:assert/strict";
import { waitFor } from "../helpers/wait.ts";
import { spawnSim, workerSandbox } from "./_workers.ts";

Deno.test("forge logs shows the lines of a running sim worker, -n limits them, --json parses", async () => {
  await using sb = await workerSandbox("logsmoke");
  const [worker] = await spawnSim(sb, 1);
  const { id } = worker as { id: string };
  // Enough lines for -n to cut: worker_started, task_started and model calls.
  const all = await waitFor(async () => {
    const run = await sb.forge(["logs", id, "-n", "100"]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\n").filter((l) => l !== "");
    return lines.length >= 3 ? lines : undefined;
  }, { what: `${id} to log three lines` });
  assert.ok(all.some((l) => /model call/.test(l)), all.join("\n"));

  const two = await sb.forge(["logs", id, "-n", "2"]);
  assert.equal(two.code, 0, two.stderr);
  assert.equal(two.stdout.split("\n").filter((l) => l !== "").length, 2);

  const json = await sb.forge(["logs", id, "-n", "3", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const objects = json.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(objects.length, 3);
  for (const o of objects) {
    assert.equal(o.format, "forge-jsonl");
    assert.equal(typeof o.offset, "number");
  }
});
