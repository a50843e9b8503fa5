import assert from "node:assert/strict";
import { join } from "node:path";
import { toBeadId } from "../../src/domain/mod.ts";
import { launcherArgs, launchWorker } from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";
import { fakeClock, SETTINGS, spec, TMUX_LAUNCHER, writeLauncher } from "./_launch.ts";
import { tmuxSandbox } from "./_tmux_sandbox.ts";

Deno.test("launcherArgs() builds the protocol's single --key=value tokens", async (t) => {
  const base = spec("/l", "/w");
  await t.step("without bead or config", () => {
    assert.deepEqual(launcherArgs(base), [
      "--model=sonnet",
      "--workspace=/w",
      "--session-name=lw-alpha",
    ]);
  });
  await t.step("with bead, config and extra arguments", () => {
    assert.deepEqual(
      launcherArgs({
        ...base,
        beadId: toBeadId("fg-1"),
        configPath: "/c/mine.yaml",
        extraArgs: ["--fast", "x y"],
      }),
      [
        "--model=sonnet",
        "--workspace=/w",
        "--session-name=lw-alpha",
        "--bead-ref=fg-1",
        "--config=/c/mine.yaml",
        "--fast",
        "x y",
      ],
    );
  });
});

Deno.test("launchWorker() runs the launcher with the protocol arguments, cwd and only its env", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const record = join(dir.path, "record");
  const launcher = await writeLauncher(
    dir.path,
    "recording.sh",
    `printf '%s\\n' "$@" >"${record}.args"; pwd >"${record}.cwd"
printf 'FOO=%s HOME=%s\\n' "\${FOO-unset}" "\${HOME-unset}" >"${record}.env"
${TMUX_LAUNCHER}`,
  );
  const result = await launchWorker(
    spec(launcher, dir.path, {
      beadId: toBeadId("fg-1"),
      extraArgs: ["--extra"],
      env: { PATH: Deno.env.get("PATH") ?? "", FOO: "bar" },
    }),
    { processes: sandbox.processes, clock: fakeClock(), settings: SETTINGS },
  );
  assert.deepEqual((await Deno.readTextFile(`${record}.args`)).trim().split("\n"), [
    "--model=sonnet",
    `--workspace=${dir.path}`,
    "--session-name=lw-alpha",
    "--bead-ref=fg-1",
    "--extra",
  ]);
  assert.equal((await Deno.readTextFile(`${record}.cwd`)).trim(), dir.path);
  assert.equal(await Deno.readTextFile(`${record}.env`), "FOO=bar HOME=unset\n");
  const panePid = Number(
    (await sandbox.tmux(["list-panes", "-t", "=lw-alpha", "-F", "#{pane_pid}"])).stdout,
  );
  assert.deepEqual(result, {
    workerId: "lw-alpha",
    session: "lw-alpha",
    pid: panePid,
    model: "sonnet",
    beadId: "fg-1",
    warnings: [],
    attempts: 1,
    durationMs: 0,
  });
});

Deno.test("launchWorker() kills a session of the same name before launching", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  assert.equal((await sandbox.tmux(["new-session", "-d", "-s", "lw-alpha", "sleep 300"])).code, 0);
  const oldPid = Number(
    (await sandbox.tmux(["list-panes", "-t", "=lw-alpha", "-F", "#{pane_pid}"])).stdout,
  );
  const launcher = await writeLauncher(dir.path, "tmux.sh", TMUX_LAUNCHER);
  const result = await launchWorker(spec(launcher, dir.path), {
    processes: sandbox.processes,
    clock: fakeClock(),
    settings: SETTINGS,
  });
  assert.notEqual(result.pid, oldPid);
  await waitFor(async () => !await sandbox.processes.isAlive(oldPid), {
    what: "the old session's process to end",
  });
});

Deno.test("launchWorker() accepts a bare session name and finds the pid through tmux", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const launcher = await writeLauncher(
    dir.path,
    "bare.sh",
    `tmux new-session -d -s lw-alpha "sleep 300"; echo lw-alpha`,
  );
  const result = await launchWorker(spec(launcher, dir.path), {
    processes: sandbox.processes,
    clock: fakeClock(),
    settings: SETTINGS,
  });
  assert.equal(result.session, "lw-alpha");
  assert.ok(result.pid !== undefined && await sandbox.processes.isAlive(result.pid));
  assert.deepEqual(result.warnings, ["printed a bare session name instead of JSON"]);
});

Deno.test("launchWorker() accepts a live pid without a tmux session", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const launcher = await writeLauncher(
    dir.path,
    "pid.sh",
    `sleep 300 >/dev/null 2>&1 </dev/null &
printf '{"worker_id":"lw-alpha","pid":%s,"status":"spawned"}\\n' "$!"`,
  );
  const result = await launchWorker(spec(launcher, dir.path), {
    processes: sandbox.processes,
    clock: fakeClock(),
    settings: SETTINGS,
  });
  try {
    assert.equal(result.session, "lw-alpha");
    assert.ok(result.pid !== undefined && await sandbox.processes.isAlive(result.pid));
  } finally {
    if (result.pid !== undefined) await sandbox.processes.kill(result.pid, { signal: "SIGKILL" });
  }
});

Deno.test("launchWorker() succeeds on a later attempt and counts it", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const calls = join(dir.path, "calls");
  const launcher = await writeLauncher(
    dir.path,
    "flaky.sh",
    `echo call >>"${calls}"
[ "$(wc -l <"${calls}")" -lt 3 ] && { echo "not yet" >&2; exit 1; }
${TMUX_LAUNCHER}`,
  );
  const clock = fakeClock();
  const result = await launchWorker(spec(launcher, dir.path), {
    processes: sandbox.processes,
    clock,
    settings: { ...SETTINGS, retries: 4, backoffMs: 1000 },
  });
  assert.equal(result.attempts, 3);
  assert.deepEqual(clock.sleeps, [1000, 2000]);
  assert.equal(result.durationMs, 3000);
});
