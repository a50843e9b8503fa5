/**
 * When the orchestrator loop dies under the dashboard (here: its database cannot be opened), the
 * dashboard closes, the terminal is given back, and the error is printed on the normal screen.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../../helpers/forge_env.ts";
import { openPane } from "./_pane.ts";

Deno.test({
  name: "dashboard e2e: a crash of the orchestrator loop restores the terminal and says why",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashcrash");
    await Deno.mkdir(join(sb.workspace, ".beads"), { recursive: true });
    await Deno.writeTextFile(join(sb.workspace, ".beads", "issues.jsonl"), "");
    // A directory where the database file belongs: the engine cannot open its store.
    await Deno.mkdir(join(sb.home, "forge.db"), { recursive: true });
    const pane = await openPane(sb, { args: [], width: 120, height: 40 });
    const after = await pane.waitForExit(60_000);
    assert.match(after, /FORGE-EXIT=[1-9]/, after);
    assert.match(after, /(^|\s)icanon(\s|$)/m, after);
    assert.equal(await pane.format("#{alternate_on}"), "0");
    assert.equal(await pane.format("#{cursor_flag}"), "1");
    const screen = await pane.capture();
    assert.match(screen, /forge\.db/, screen);
  },
});
