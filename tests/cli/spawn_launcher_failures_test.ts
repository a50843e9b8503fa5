import assert from "node:assert/strict";
import { join } from "node:path";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { isRunning, sandboxPids, workerSandbox } from "./_workers.ts";

async function writeScript(sb: ForgeSandbox, name: string, body: string): Promise<string> {
  const path = join(sb.root, name);
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return path;
}

/** Nothing of a worker exists: no status file, no worker log, no tmux server, no process. */
async function assertNothingLeft(sb: ForgeSandbox): Promise<void> {
  const names = async (dir: string) => {
    const found: string[] = [];
    try {
      for await (const e of Deno.readDir(join(sb.home, dir))) found.push(e.name);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    return found;
  };
  assert.deepEqual(await names("status"), []);
  assert.deepEqual((await names("logs")).filter((n) => n !== "forge.log"), []);
  const tmux = await sb.tmux(["list-sessions"]);
  assert.notEqual(tmux.code, 0, `tmux sessions left: ${tmux.stdout}`);
  assert.deepEqual(await sandboxPids(sb), []);
}

Deno.test("forge spawn --launcher with a missing file exits 3 and leaves nothing behind", async () => {
  await using sb = await workerSandbox("nolauncher");
  const missing = join(sb.root, "no-such-launcher");
  const run = await sb.forge(["spawn", "--launcher", missing, "--model", "m"]);
  assert.equal(run.code, 3);
  assert.match(run.stderr, new RegExp(`"${missing}" does not exist`));
  await assertNothingLeft(sb);
});

Deno.test("forge spawn reports a failing launcher's exit code and stderr after three attempts", async (t) => {
  await using sb = await workerSandbox("badlauncher");
  await Deno.writeTextFile(join(sb.home, "config.yaml"), "launcher: {retry_backoff_ms: 0}\n");
  const counter = join(sb.root, "attempts");

  await t.step("a launcher that exits 1", async () => {
    const launcher = await writeScript(
      sb,
      "fails.sh",
      `echo attempt >> '${counter}'\necho "no credits left for model $FORGE_MODEL" >&2\nexit 1`,
    );
    const run = await sb.forge(["spawn", "--launcher", launcher, "--model", "m1"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /exited with code 1/);
    assert.match(run.stderr, /after 3 attempts/);
    assert.match(run.stderr, /stderr: no credits left for model m1/);
    assert.equal((await Deno.readTextFile(counter)).split("\n").filter((l) => l).length, 3);

    const json = await sb.forge(["spawn", "--launcher", launcher, "--model", "m1", "--json"]);
    assert.equal(json.code, 1);
    const [outcome] = JSON.parse(json.stdout);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.code, "LAUNCHER_FAILED");
    assert.match(outcome.error.message, /exited with code 1.*\n {2}stderr: no credits left/s);
    assert.match(outcome.error.hint, /forge validate launcher/);
  });

  await t.step("a launcher that prints text instead of JSON", async () => {
    const launcher = await writeScript(sb, "chatty.sh", 'echo "all good, worker started :)"');
    const run = await sb.forge(["spawn", "--launcher", launcher, "--model", "m"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /printed no JSON object: "all good, worker started :\)"/);
  });

  await t.step("a launcher that prints broken JSON", async () => {
    const launcher = await writeScript(sb, "broken.sh", "echo '{\"pid\": 12, oops}'");
    const run = await sb.forge(["spawn", "--launcher", launcher, "--model", "m"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /printed invalid JSON/);
  });

  await assertNothingLeft(sb);
});

Deno.test("forge spawn kills a launcher that hangs past launcher.timeout_seconds", async () => {
  await using sb = await workerSandbox("hanglauncher");
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    "launcher: {timeout_seconds: 1, retries: 0, retry_backoff_ms: 0}\n",
  );
  const pids = join(sb.root, "pids");
  const launcher = await writeScript(
    sb,
    "hangs.sh",
    `echo $$ >> '${pids}'\nsleep 300 &\necho $! >> '${pids}'\nwait`,
  );
  const run = await sb.forge(["spawn", "--launcher", launcher, "--model", "m"]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /did not finish within 1 s and was killed \(after 1 attempt\)/);
  const started = (await Deno.readTextFile(pids)).split("\n").filter((l) => l).map(Number);
  assert.equal(started.length, 2);
  for (const pid of started) {
    await waitFor(async () => !await isRunning(pid), { what: `launcher process ${pid} to end` });
  }
  await assertNothingLeft(sb);
});
