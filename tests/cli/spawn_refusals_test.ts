import assert from "node:assert/strict";
import { join } from "node:path";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { FAST_SIM, filesUnder, sandboxPids, workerSandbox } from "./_workers.ts";

async function assertNoWorkerStarted(sb: ForgeSandbox): Promise<void> {
  const status = await filesUnder(join(sb.home, "status")).catch(() => new Map());
  assert.deepEqual([...status.keys()], []);
  assert.notEqual((await sb.tmux(["list-sessions"])).code, 0, "a tmux server runs");
  assert.deepEqual(await sandboxPids(sb), []);
}

Deno.test("forge spawn refuses a --count that is not a whole number of at least 1", async (t) => {
  await using sb = await workerSandbox("count");
  for (const count of ["0", "x", "-1", "1.5"]) {
    await t.step(`--count ${count}`, async () => {
      const run = await sb.forge(["spawn", "--worker", "sim", `--count=${count}`]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`Cannot spawn "${count.replace(".", "\\.")}" workers`));
    });
  }
  await assertNoWorkerStarted(sb);
});

Deno.test("forge spawn refuses to go past max_workers", async () => {
  await using sb = await workerSandbox("maxworkers");
  await Deno.writeTextFile(join(sb.home, "config.yaml"), "max_workers: 2\n");
  const run = await sb.forge(["spawn", "--worker", "sim", "--count", "3"], { env: FAST_SIM });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /Cannot spawn 3 more worker\(s\): 0 of max_workers 2 are running/);
  await assertNoWorkerStarted(sb);
});

Deno.test("forge spawn fails on a worker config whose ${env:…} has no value, and leaks no secret", async () => {
  await using sb = await workerSandbox("needskey");
  await Deno.mkdir(join(sb.home, "workers"), { recursive: true });
  await Deno.writeTextFile(
    join(sb.home, "workers", "needs-key.yaml"),
    [
      "name: needs-key",
      "launcher: sim",
      "model: sim",
      "tier: budget",
      "environment:",
      '  OTHER_KEY: "${env:FORGE_TEST_PRESENT_SECRET}"',
      '  API_KEY: "${env:FORGE_TEST_MISSING_KEY}"',
      "",
    ].join("\n"),
  );
  const secret = "sk-present-9f8e7d6c5b4a";
  const run = await sb.forge(["spawn", "--worker", "needs-key", "--debug"], {
    env: { FORGE_TEST_PRESENT_SECRET: secret },
  });
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /environment\.API_KEY of worker config "needs-key"/);
  assert.match(run.stderr, /FORGE_TEST_MISSING_KEY/);
  assert.match(run.stderr, /export FORGE_TEST_MISSING_KEY=/);
  assert.ok(!`${run.stdout}${run.stderr}`.includes(secret));
  for (const [path, text] of await filesUnder(sb.root)) {
    assert.ok(!text.includes(secret), `${path} holds the secret`);
  }
  await assertNoWorkerStarted(sb);
});
