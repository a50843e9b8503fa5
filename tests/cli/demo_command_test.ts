import assert from "node:assert/strict";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { startForge } from "../integration/_run.ts";

Deno.test("forge demo works sample beads with sim workers live, and Ctrl+C removes the workers and the demo", async () => {
  await using sb = await forgeSandbox("demo");
  // The demo's folder is created under TMPDIR: here, inside the sandbox, to check it is removed.
  const run = startForge(sb, ["demo", "--beads", "8"], { TMPDIR: sb.root });
  try {
    await run.waitForLine(/^FORGE demo — /);
    await waitFor(() => run.lines.filter((l) => /finish\s+\S+: completed/.test(l)).length >= 2, {
      timeoutMs: 90_000,
      what: `two completed beads (got:\n${run.lines.slice(-30).join("\n")})`,
    });
    assert.ok(run.lines.some((l) => /^beads: \d+ ready · \d+ in progress · \d+ blocked/.test(l)));
    assert.ok(
      run.lines.some((l) => /^\S+\s+sim-\S+\s+(active|starting)\s+healthy\s+demo-\d+/.test(l)),
    );
    const folder = /^FORGE demo — (\S+)/.exec(run.lines.find((l) => l.startsWith("FORGE demo"))!)
      ?.[1] as string;
    assert.ok(folder.startsWith(sb.root), folder);
    run.signal("SIGINT");
    assert.equal(await run.exited, 0);
    assert.equal(
      await Deno.stat(folder).then(() => true, () => false),
      false,
      "the demo's home and workspace are removed",
    );
    const sessions = await sb.tmux(["list-sessions", "-F", "#S"]);
    assert.equal(sessions.stdout.trim(), "", "no worker left running");
  } finally {
    run.signal("SIGKILL");
    await run.exited;
  }
});

Deno.test("forge demo --keep leaves the demo's home and workspace for a look afterwards", async () => {
  await using sb = await forgeSandbox("demokeep");
  const run = startForge(sb, ["demo", "--keep", "--beads", "3"], { TMPDIR: sb.root });
  try {
    await run.waitForLine(/start\s+\S+ on demo-/);
    run.signal("SIGINT");
    assert.equal(await run.exited, 0);
    const kept = /kept (\S+)/.exec(run.lines.find((l) => /kept /.test(l)) ?? "")?.[1] as string;
    assert.ok(kept?.startsWith(sb.root), run.lines.slice(-5).join("\n"));
    const beads = await Deno.readTextFile(`${kept}/workspace/.beads/issues.jsonl`);
    assert.equal(beads.trim().split("\n").length, 3);
    assert.ok((await Deno.stat(`${kept}/home/forge.db`)).isFile);
  } finally {
    run.signal("SIGKILL");
    await run.exited;
  }
});
