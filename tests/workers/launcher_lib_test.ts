import assert from "node:assert/strict";
import { join } from "node:path";
import { manifestsDir } from "../../src/workers/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

const LIB = join(manifestsDir(), "launchers", "forge-launcher-lib.sh");

/** Runs bash with the launcher library sourced and a worker's protocol variables set. */
async function bash(home: string, script: string): Promise<Deno.CommandOutput> {
  const child = new Deno.Command("bash", {
    args: ["-c", `. ${JSON.stringify(LIB)}\n${script}`],
    env: {
      FORGE_HOME: home,
      SESSION: "sim-lima",
      MODEL: "sim",
      WORKSPACE: home,
      STATUS_FILE: join(home, "status", "sim-lima.json"),
      LOG_FILE: join(home, "sim-lima.log"),
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // A deadlocked worker would hang the test: give it 20 s, then kill it and fail.
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  try {
    return await child.output();
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("a worker's signal trap that writes its status while the status is being written does not deadlock", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(join(dir.path, "status"));
  const out = await bash(
    dir.path,
    `
eval "$(declare -f forge_status_write | sed '1s/forge_status_write/forge_status_write_real/')"
# The signal arrives in the middle of writing "active", while the lock is held.
forge_status_write() { [ "$1" = active ] && kill -HUP $$; forge_status_write_real "$@"; }
trap 'forge_status stopped; exit 7' HUP
forge_status active
echo unreachable
`,
  );
  assert.equal(out.code, 7, new TextDecoder().decode(out.stderr));
  const status = JSON.parse(
    await denoFs.readTextFile(join(dir.path, "status", "sim-lima.json")),
  );
  assert.equal(status.status, "stopped");
});

Deno.test("a worker writes its status within the lock's wait when another process holds it forever", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(join(dir.path, "status"));
  const lock = await Deno.open(join(dir.path, "status", ".sim-lima.lock"), {
    write: true,
    create: true,
  });
  await lock.lock(true);
  try {
    const out = await bash(dir.path, "forge_status active");
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const status = JSON.parse(
      await denoFs.readTextFile(join(dir.path, "status", "sim-lima.json")),
    );
    assert.equal(status.status, "active", "written after the 10 s wait, not never");
  } finally {
    lock.close();
  }
});

Deno.test("forge_run_agent() logs an exit code listed in AGENT_LIMIT_EXITS as a usage limit and releases the bead", async (t) => {
  for (const c of [{ code: 173, limited: true }, { code: 1, limited: false }]) {
    await t.step(`exit ${c.code}`, async () => {
      await using dir = await tempDir();
      await Deno.mkdir(join(dir.path, "status"));
      // FORGE_BIN stands in for forge: it prints a prompt and records the other calls.
      const forge = join(dir.path, "forge");
      await Deno.writeTextFile(
        forge,
        `#!/bin/sh\n[ "$2" = prompt ] && { echo "Task: b-1: x"; exit 0; }\necho "$@" >> ${
          JSON.stringify(join(dir.path, "calls"))
        }\n`,
      );
      await Deno.chmod(forge, 0o755);
      const out = await bash(
        dir.path,
        `
FORGE_BIN=${
          JSON.stringify(forge)
        } BEAD=b-1 AGENT_ARGS="" LAUNCHER_NAME=gemini AGENT_LIMIT_EXITS="2 173"
ERR_FILE=${JSON.stringify(join(dir.path, "err"))}
agent_headless() { return ${c.code}; }
forge_run_agent
`,
      );
      assert.equal(out.code, c.code, new TextDecoder().decode(out.stderr));
      const log = await Deno.readTextFile(join(dir.path, "sim-lima.log"));
      const events = log.trim().split("\n").map((l) => JSON.parse(l).event);
      assert.equal(events.includes("rate_limited"), c.limited, events.join(","));
      const failed = log.trim().split("\n").map((l) => JSON.parse(l)).find((o) =>
        o.event === "task_failed"
      );
      assert.equal(failed?.error, c.limited ? `usage limit (exit ${c.code})` : `exit ${c.code}`);
      assert.match(await Deno.readTextFile(join(dir.path, "calls")), /^bead release b-1 /m);
    });
  }
});
