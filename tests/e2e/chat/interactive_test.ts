/**
 * `forge chat` alone on a terminal, for real in a tmux pane: it keeps asking, a spawn of three
 * asks for confirmation at the prompt, "no" runs nothing, "yes" spawns, and `quit` leaves with
 * exit code 0 and the terminal as it was.
 */
import assert from "node:assert/strict";
import { FAST_SIM, listWorkers, workerSandbox } from "../../cli/_workers.ts";
import { openPane } from "../dashboard/_pane.ts";

Deno.test({
  name: "forge chat on a terminal asks before a big spawn and keeps asking until quit",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await workerSandbox("chattty");
    const pane = await openPane(sb, { args: ["chat"], width: 120, height: 30, env: FAST_SIM });
    await pane.waitFor("forge>", 60_000);
    await pane.type("spawn 3 sim");
    await pane.keys("Enter");
    await pane.waitFor("Spawn 3 sim workers? (y/N)");
    await pane.keys("n", "Enter");
    await pane.waitFor(/Not done: spawn 3 sim workers was not confirmed\n\? forge>/);
    assert.deepEqual(await listWorkers(sb), []);

    await pane.type("spawn 3 sim");
    await pane.keys("Enter");
    await pane.waitFor(/Spawn 3 sim workers\? \(y\/N\)\s*$/m);
    await pane.keys("y", "Enter");
    await pane.waitFor(/✓ spawned sim-\w+, sim-\w+, sim-\w+\n\? forge>/, 60_000);
    assert.equal((await listWorkers(sb)).length, 3);

    await pane.type("show idle workers");
    await pane.keys("Enter");
    // The answer, then a fresh prompt: only then is the next line read.
    await pane.waitFor(/✓ .*idle.*\n\? forge>/);
    await pane.type("quit");
    await pane.keys("Enter");
    const after = await pane.waitForExit();
    assert.match(after, /FORGE-EXIT=0/);
    assert.match(after, /icanon echo/);
  },
});
