import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { QUICK_SIM, readBeadStates, startForge, writeBeads, writeConfig } from "./_run.ts";

const CONFIG = "max_workers: 1\nrouting: {workers: [sim]}\nrecovery: {restart_base_seconds: 1}\n";

Deno.test("killing a worker's tmux session releases its bead, which is retried after the backoff", async () => {
  await using sb = await forgeSandbox("killtmux");
  await writeConfig(sb, CONFIG);
  await writeBeads(sb, [{ id: "k-1" }]);
  const run = startForge(sb, ["run", "--workspace", sb.workspace], {
    ...QUICK_SIM,
    SIM_WORK_SECONDS: "6",
  });
  try {
    const first = /start\s+(\S+) on k-1/.exec(await run.waitForLine(/start\s+\S+ on k-1/))
      ?.[1] as string;
    // Mid-bead: once the worker reports itself active (its signal traps are set by then).
    await waitFor(async () => {
      const text = await Deno.readTextFile(join(sb.home, "status", `${first}.json`)).catch(() =>
        ""
      );
      return /"status": *"active"/.test(text);
    }, { what: "the worker at work" });
    await sb.tmux(["kill-session", "-t", `=${first}`]);
    await run.waitForLine(new RegExp(`finish\\s+${first}: (interrupted|crashed)`));
    await run.waitForLine(/release k-1:/);
    const alert = await run.waitForLine(/alert .*retry in \d+ s/);
    assert.match(alert, new RegExp(`${first} (interrupted|crashed) on k-1`));
    const retry = await run.waitForLine(new RegExp(`start\\s+(?!${first}\\b)\\S+ on k-1`));
    assert.ok(run.lines.indexOf(retry) > run.lines.findIndex((l) => /release k-1:/.test(l)));
    await waitFor(async () => (await readBeadStates(sb)).get("k-1")?.status === "closed", {
      timeoutMs: 60_000,
      what: "k-1 closed",
    });
  } finally {
    run.signal("SIGTERM");
    await run.exited;
    await sb.forge(["kill", "--all", "--yes"]);
  }
});

Deno.test("a worker killed with SIGKILL mid-bead is seen dead; its bead is released and finished by another", async () => {
  await using sb = await forgeSandbox("sigkill");
  await writeConfig(sb, CONFIG);
  await writeBeads(sb, [{ id: "s-1" }]);
  const run = startForge(sb, ["run", "--workspace", sb.workspace], {
    ...QUICK_SIM,
    SIM_WORK_SECONDS: "6",
  });
  try {
    const first = /start\s+(\S+) on s-1/.exec(await run.waitForLine(/start\s+\S+ on s-1/))
      ?.[1] as string;
    const pid = await waitFor(async () => {
      const s = JSON.parse(await Deno.readTextFile(join(sb.home, "status", `${first}.json`)));
      return s.status === "active" ? Number(s.pid) : undefined;
    }, { what: "the worker's pid" });
    Deno.kill(pid, "SIGKILL");
    await run.waitForLine(new RegExp(`finish\\s+${first}: crashed`));
    await run.waitForLine(/release s-1:/);
    await waitFor(async () => (await readBeadStates(sb)).get("s-1")?.status === "closed", {
      timeoutMs: 60_000,
      what: "s-1 closed",
    });
    const states = await readBeadStates(sb);
    assert.notEqual(states.get("s-1")?.assignee, first, "closed by the retry, not the dead worker");
  } finally {
    run.signal("SIGTERM");
    await run.exited;
    await sb.forge(["kill", "--all", "--yes"]);
  }
});

Deno.test("a launcher failing every time opens the circuit breaker instead of spinning", async () => {
  await using sb = await forgeSandbox("breaker");
  const counter = join(sb.root, "calls");
  const launcher = join(sb.root, "broken.sh");
  await Deno.writeTextFile(
    launcher,
    `#!/bin/sh\necho x >> '${counter}'\necho 'boom' >&2\nexit 1\n`,
  );
  await Deno.chmod(launcher, 0o755);
  await Deno.mkdir(join(sb.home, "workers"), { recursive: true });
  await Deno.writeTextFile(
    join(sb.home, "workers", "broken.yaml"),
    `name: broken\nlauncher: ${launcher}\nmodel: m\ntier: budget\n`,
  );
  await writeConfig(
    sb,
    "max_workers: 1\nrouting: {workers: [broken]}\nlauncher: {retries: 0, retry_backoff_ms: 0}\nrecovery: {restart_base_seconds: 0.1, max_failures: 3}\n",
  );
  await writeBeads(sb, [{ id: "f-1" }, { id: "f-2" }]);
  const run = startForge(sb, ["run", "--workspace", sb.workspace]);
  try {
    await run.waitForLine(/alert .*\[critical\] launching broken failed 3 times/);
    await run.waitForLine(/wait\s+f-\d: .*broken stopped after repeated launch failures/);
    const calls = (await Deno.readTextFile(counter)).trim().split("\n").length;
    assert.equal(calls, 3, "the launcher ran exactly max_failures times");
    assert.ok(
      run.lines.some((l) => /exited with code 1/.test(l) && /boom/.test(l)),
      `the alert carries the exit code and stderr:\n${run.lines.join("\n")}`,
    );
  } finally {
    run.signal("SIGTERM");
    assert.equal(await run.exited, 0);
  }
});
