/**
 * The dashboard end to end: the real program (demo and observer) in a tmux pane, driven with keys
 * and read with capture-pane. Every step waits for what the user would see.
 */
import assert from "node:assert/strict";
import { forgeSandbox } from "../../helpers/forge_env.ts";
import { waitFor } from "../../helpers/wait.ts";
import { openPane, type Pane } from "./_pane.ts";

/** A view's full-screen panel has a heavy frame: `━ Title ━`. */
async function openView(pane: Pane, key: string, title: string): Promise<string> {
  await pane.keys(key);
  return await pane.waitFor(`━ ${title} ━`);
}

Deno.test({
  name: "dashboard e2e: the demo at 199×55 — views, actions with confirmation, search, " +
    "filter, help, resize, and quitting gives the terminal back",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dash");
    const pane = await openPane(sb, { args: ["demo", "--beads", "40"], width: 199, height: 55 });
    await pane.waitFor("Task queue", 60_000);
    await pane.waitFor(/(sonnet|opus|haiku)-(alpha|bravo|charlie|delta|echo)/, 60_000);
    assert.equal(await pane.format("#{alternate_on}"), "1");
    assert.equal(await pane.format("#{cursor_flag}"), "0");

    // Every view, by its key.
    await openView(pane, "w", "Workers");
    await openView(pane, "t", "Tasks");
    await openView(pane, "c", "Costs");
    await openView(pane, "u", "Subscriptions");
    await openView(pane, "m", "Metrics");
    await openView(pane, "a", "Alerts");
    await openView(pane, "l", "Logs");
    await openView(pane, "r", "Routing decisions");
    await openView(pane, ":", "Command");
    await pane.keys("Escape");
    await pane.waitFor("━ Routing decisions ━");
    await pane.keys("Tab");
    await pane.waitFor("━ Command ━");
    await pane.keys("Escape");

    // Help overlay, then any key closes it.
    await pane.keys("?");
    await pane.waitFor("Everywhere");
    await pane.keys("Escape");
    await waitFor(async () => !(await pane.capture()).includes("Everywhere"), {
      what: "the help overlay to close",
    });

    // Tasks: search narrows the list, Esc clears it; a priority filter shows only P0.
    await openView(pane, "t", "Tasks");
    await pane.keys("/");
    await pane.type("oidc");
    await waitFor(async () => {
      const s = await pane.capture();
      return s.includes("Support SSO with OIDC") && !s.includes("Rotate API signing keys");
    }, { what: "the search to leave only the matching task", timeoutMs: 15_000 });
    await pane.keys("Escape");
    await pane.waitFor("Rotate API signing keys");
    await pane.keys("0");
    const p0 = await waitFor(async () => {
      const s = await pane.capture();
      const rows = s.split("\n").filter((l) => /\s(demo-\d+)\s+P\d\s/.test(l));
      return rows.length > 0 && rows.every((l) => /\sP0\s/.test(l)) ? s : undefined;
    }, { what: "only P0 tasks listed", timeoutMs: 15_000 });
    assert.match(p0, /P0/);
    await pane.keys("0");

    // Workers: kill the selected one after confirming, pause and resume.
    await openView(pane, "w", "Workers");
    await pane.waitFor(/● (sonnet|opus|haiku)-\w+/);
    await pane.keys("x");
    await pane.waitFor(/y\/Enter yes/);
    await pane.keys("y");
    await pane.waitFor(/killed [a-z]+-[a-z]+/, 30_000);
    await pane.waitFor(/● (sonnet|opus|haiku)-\w+/, 60_000);
    await pane.keys("P");
    await pane.waitFor(/y\/Enter yes/);
    await pane.keys("n");
    await pane.waitFor("cancelled");
    // The selection followed the killed worker down the list; the top row is a live one.
    await pane.keys("Home", "p");
    await pane.waitFor(/paused [a-z]+-[a-z]+/, 30_000);
    await pane.keys("R");
    await pane.waitFor(/resumed|no paused workers/, 30_000);

    // The command line speaks to chat (no backend in the demo: the fast path); spawning 3 asks
    // first, and no declines it.
    await pane.keys(":");
    await pane.waitFor("━ Command ━");
    await pane.type("spawn sim 3");
    await pane.keys("Enter");
    await pane.waitFor("(y/n)");
    await pane.keys("n");
    await pane.waitFor("was not confirmed");
    await pane.type("frobnicate");
    await pane.keys("Enter");
    await pane.waitFor('Not understood: "frobnicate"');
    await pane.keys("Escape");

    // Resizing: two columns, one panel with tabs, too small, and back.
    await pane.resize(150, 40);
    await pane.waitFor(/━ Workers ━/);
    await pane.keys("o");
    await pane.resize(100, 30);
    await pane.waitFor(/Overview Workers Tasks/);
    await pane.resize(70, 20);
    await pane.waitFor("terminal too small (needs 80×24)");
    await pane.resize(199, 55);
    await pane.waitFor("Task queue");

    await pane.keys("q");
    const after = await pane.waitForExit(60_000);
    assert.match(after, /FORGE-EXIT=0/);
    assert.match(after, /(^|\s)icanon(\s|$)/m, after);
    assert.match(after, /(^|\s)echo(\s|$)/m, after);
    assert.equal(await pane.format("#{alternate_on}"), "0");
    assert.equal(await pane.format("#{cursor_flag}"), "1");
  },
});
