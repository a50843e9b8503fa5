import assert from "node:assert/strict";
import { join } from "node:path";
import { redact, type SecretLookup, workerConfigSchema } from "../../src/domain/mod.ts";
import { envFrom } from "../../src/platform/mod.ts";
import { buildLaunchEnv, launchWorker } from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";
import { fakeClock, launchError, SETTINGS, spec, writeLauncher } from "./_launch.ts";
import { tmuxSandbox } from "./_tmux_sandbox.ts";

Deno.test("launchWorker() fails on a launcher that is missing or not executable", async (t) => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const missing = join(dir.path, "missing.sh");
  const plain = join(dir.path, "plain.sh");
  await Deno.writeTextFile(plain, "#!/bin/sh\necho '{}'\n");
  await Deno.chmod(plain, 0o644);
  const cases: [string, string, number, string][] = [
    ["missing", missing, 127, "no such file or command"],
    ["not executable", plain, 126, "permission denied (is it executable?)"],
  ];
  for (const [name, path, code, why] of cases) {
    await t.step(name, async () => {
      const error = await launchError(
        launchWorker(spec(path, dir.path), {
          processes: sandbox.processes,
          clock: fakeClock(),
          settings: SETTINGS,
        }),
      );
      assert.equal(error.exitCode, code);
      assert.equal(error.code, "LAUNCHER_FAILED");
      assert.equal(
        error.message,
        `Cannot spawn worker "lw-alpha" with launcher "test": exited with code ${code} (after 1 attempt)\n` +
          `  stderr: Cannot start "${path}": ${why}`,
      );
      assert.equal(error.hint, `check it with: forge validate launcher ${path}`);
    });
  }
});

Deno.test("launchWorker() kills the process group of a launcher that hangs", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const childPid = join(dir.path, "child.pid");
  const launcher = await writeLauncher(
    dir.path,
    "hang.sh",
    `sleep 300 >/dev/null 2>&1 & echo $! >"${childPid}"\necho "waiting forever" >&2\nsleep 300`,
  );
  const error = await launchError(
    launchWorker(spec(launcher, dir.path), {
      processes: sandbox.processes,
      clock: fakeClock(),
      settings: { ...SETTINGS, timeoutMs: 500 },
    }),
  );
  assert.equal(error.exitCode, undefined);
  assert.equal(
    error.message,
    'Cannot spawn worker "lw-alpha" with launcher "test": did not finish within 0.5 s and was killed ' +
      "(after 1 attempt)\n  stderr: waiting forever",
  );
  const pid = Number(await Deno.readTextFile(childPid));
  await waitFor(async () => !await sandbox.processes.isAlive(pid), {
    what: "the launcher's background child to be killed with its group",
  });
});

Deno.test("launchWorker() fails on output that means failure", async (t) => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const cases: [string, string, string][] = [
    [
      "garbage on stdout",
      "echo 'Segmentation fault'",
      'printed no JSON object: "Segmentation fault"',
    ],
    ["nothing on stdout", "true", "printed nothing on stdout (expected one JSON object)"],
    [
      'status "failed"',
      `echo '{"worker_id":"lw-alpha","pid":0,"session":"","status":"failed","message":"no tmux"}'`,
      'reported status "failed": no tmux',
    ],
    [
      "pid 0",
      `echo '{"worker_id":"lw-alpha","pid":0,"status":"spawned"}'`,
      "reported pid 0; a live process has a pid above 0",
    ],
    [
      "an error field",
      `echo '{"worker_id":"lw-alpha","pid":12,"status":"spawned","error":"no API key"}'`,
      "reported an error: no API key",
    ],
  ];
  for (const [name, body, reason] of cases) {
    await t.step(name, async () => {
      const launcher = await writeLauncher(dir.path, "out.sh", body);
      const error = await launchError(
        launchWorker(spec(launcher, dir.path), {
          processes: sandbox.processes,
          clock: fakeClock(),
          settings: SETTINGS,
        }),
      );
      assert.equal(error.exitCode, 0);
      assert.equal(
        error.message,
        `Cannot spawn worker "lw-alpha" with launcher "test": ${reason} (after 1 attempt)`,
      );
    });
  }
});

Deno.test("launchWorker() fails when a launcher exits 0 without spawning anything", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const launcher = await writeLauncher(
    dir.path,
    "liar.sh",
    `pid=$(sh -c 'echo $$')
printf '{"worker_id":"lw-alpha","pid":%s,"status":"spawned","session":"lw-alpha"}\\n' "$pid"
echo "$pid" >"${join(dir.path, "pid")}"`,
  );
  const clock = fakeClock();
  const error = await launchError(
    launchWorker(spec(launcher, dir.path), {
      processes: sandbox.processes,
      clock,
      settings: SETTINGS,
    }),
  );
  const pid = (await Deno.readTextFile(join(dir.path, "pid"))).trim();
  assert.equal(
    error.message,
    `Cannot spawn worker "lw-alpha" with launcher "test": reported success but left no live ` +
      `process (no tmux session "lw-alpha" and pid ${pid} is not running) (after 1 attempt)`,
  );
  assert.deepEqual(clock.sleeps, [100, 100, 100], "verification polled until verifyMs passed");
});

Deno.test("launchWorker() tries retries + 1 times with doubling backoff from the clock", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const calls = join(dir.path, "calls");
  const launcher = await writeLauncher(
    dir.path,
    "fail.sh",
    `echo call >>"${calls}"\nfor i in 1 2 3 4 5 6 7; do echo "line $i" >&2; done\nexit 3`,
  );
  const clock = fakeClock();
  const error = await launchError(
    launchWorker(spec(launcher, dir.path), {
      processes: sandbox.processes,
      clock,
      settings: { ...SETTINGS, retries: 2, backoffMs: 250 },
    }),
  );
  assert.equal((await Deno.readTextFile(calls)).split("\n").filter((l) => l !== "").length, 3);
  assert.deepEqual(clock.sleeps, [250, 500]);
  assert.equal(error.attempts, 3);
  assert.equal(error.exitCode, 3);
  assert.equal(error.stderr, "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\n");
  assert.equal(
    error.message,
    'Cannot spawn worker "lw-alpha" with launcher "test": exited with code 3 (after 3 attempts)\n' +
      "  stderr: line 3 | line 4 | line 5 | line 6 | line 7",
  );
});

Deno.test("launchWorker() keeps secrets resolved by buildLaunchEnv out of its error", async (t) => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const secret = `launch-secret-${crypto.randomUUID()}`;
  const lookup: SecretLookup = () => Promise.resolve(secret);
  const workerConfig = (await workerConfigSchema()).parse({
    name: "leaky",
    launcher: "leaky",
    model: "sonnet",
    tier: "budget",
    environment: { SERVICE_CREDENTIAL: "${env:LEAKY_CREDENTIAL}" },
  });
  const env = await buildLaunchEnv({
    base: envFrom({ PATH: Deno.env.get("PATH") ?? "" }),
    protocol: {
      home: join(dir.path, "home"),
      workerId: "lw-alpha",
      model: "sonnet",
      workspace: dir.path,
      forgeBin: "forge",
      beadId: undefined,
    },
    passthrough: [],
    workerConfig,
    lookup,
  });
  assert.equal(env["SERVICE_CREDENTIAL"], secret);
  assert.equal(redact(`x${secret}x`), "x[redacted]x");
  const cases: [string, string][] = [
    ["on stderr", 'echo "auth failed for $SERVICE_CREDENTIAL" >&2; exit 1'],
    ["on stdout", 'echo "using $SERVICE_CREDENTIAL"'],
  ];
  for (const [name, body] of cases) {
    await t.step(name, async () => {
      const launcher = await writeLauncher(dir.path, "leaky.sh", body);
      const error = await launchError(
        launchWorker(spec(launcher, dir.path, { env }), {
          processes: sandbox.processes,
          clock: fakeClock(),
          settings: SETTINGS,
        }),
      );
      assert.ok(!error.message.includes(secret), error.message);
      assert.ok(!error.stderr.includes(secret), error.stderr);
      assert.match(error.message, /\[redacted\]/);
    });
  }
});
