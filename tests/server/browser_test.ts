/**
 * The done-when of `forge serve`: Debian's Chromium, headless, against the status page of
 * `forge demo --serve` (real engine, real simulated workers in tmux, real HTTP on 127.0.0.1):
 * the page shows the fleet, updates live when a worker changes state (without reloading), is
 * saved as tests/artifacts/status-page.png, and holds the same content with JavaScript off.
 */
import assert from "node:assert/strict";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";
import { type RunningForge, startForge } from "../integration/_run.ts";
import { saveScreenshot } from "./_artifacts.ts";
import { launchChromium } from "./_chromium.ts";

/** What `forge demo --serve … --json` prints once it listens. */
interface Served {
  readonly url: string;
  readonly port: number;
  readonly read_only: boolean;
}

function servedLine(line: string): Served | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const o = JSON.parse(line) as Partial<Served>;
    return typeof o.url === "string" && typeof o.port === "number" ? o as Served : undefined;
  } catch {
    return undefined;
  }
}

async function waitServed(run: RunningForge, exit: { code?: number }): Promise<Served> {
  const found = await waitFor(
    () => exit.code !== undefined ? "exited" : run.lines.map(servedLine).find((s) => s),
    { timeoutMs: 120_000, what: `the {url, port, read_only} line of forge demo --serve --json` },
  );
  if (found === "exited") {
    throw new Error(
      `forge demo --serve exited with ${exit.code} before serving:\n${run.lines.join("\n")}`,
    );
  }
  return found;
}

/** Rows of the demo's simulated workers: their model names start with `sim-`. */
const SIM_ROWS = `[...document.querySelectorAll("tr[data-worker]")]
  .filter((r) => r.querySelector('[data-field="model"]').textContent.startsWith("sim-"))`;

/** id:state of every worker row, in page order. */
const WORKER_ROWS = `[...document.querySelectorAll("tr[data-worker]")]
  .map((r) => r.dataset.worker + ":" + r.querySelector('[data-field="state"]').textContent)`;

Deno.test("forge demo --serve: Chromium sees the fleet, watches it change live, and reads it without JavaScript", async (t) => {
  await using sb = await forgeSandbox("serve");
  const run = startForge(sb, ["demo", "--serve", "127.0.0.1:0", "--json"], { TMPDIR: sb.root });
  const exit: { code?: number } = {};
  void run.exited.then((code) => exit.code = code);
  try {
    const served = await waitServed(run, exit);
    assert.match(served.url, /^http:\/\/127\.0\.0\.1:\d+\/?$/);
    assert.notEqual(served.port, 0);
    await using browser = await launchChromium();
    const page = await browser.newPage();
    await page.setViewport(1280, 900);

    await t.step("the page shows the demo's workers, beads and costs", async () => {
      await page.navigate(served.url);
      await page.waitFor(`${SIM_ROWS}.length > 0`, {
        what: "a row for a simulated worker",
        timeoutMs: 60_000,
      });
      const seen = await page.evaluate<Record<string, unknown>>(`(() => ({
        beads: [...document.querySelectorAll("tr[data-bead]")].map((r) => r.dataset.bead),
        costs: document.querySelector("section#costs h2")?.textContent,
        sections: [...document.querySelectorAll("main > section")].map((s) => s.id),
        readOnly: document.body.dataset.readOnly,
      }))()`);
      assert.ok((seen.beads as string[]).length > 0, "the queue lists beads");
      assert.ok((seen.beads as string[]).every((id) => id.startsWith("demo-")), String(seen.beads));
      assert.match(String(seen.costs), /^Costs/);
      for (const id of ["summary", "workers", "tasks", "costs", "subscriptions", "alerts"]) {
        assert.ok((seen.sections as string[]).includes(id), `section ${id}`);
      }
      assert.equal(seen.readOnly, String(served.read_only));
    });

    await t.step("a worker changing state shows without a reload", async () => {
      await page.waitFor(`document.getElementById("live").dataset.state === "connected"`, {
        what: "the live pill to say connected",
      });
      await page.evaluate("window.__forgeMarker = 1");
      const before = await page.evaluate<string[]>(WORKER_ROWS);
      const after = await page.waitFor<string[]>(
        `(() => { const rows = ${WORKER_ROWS}; return JSON.stringify(rows) !== ${
          JSON.stringify(JSON.stringify(before))
        } && rows; })()`,
        { what: `a worker row to change (was ${before.join(", ")})`, timeoutMs: 90_000 },
      );
      assert.notDeepEqual(after, before);
      assert.equal(await page.evaluate("window.__forgeMarker"), 1, "the page did not reload");
      const png = await page.screenshot({ fullPage: true });
      await saveScreenshot("status-page.png", png, { width: 1280, height: 900 });
    });

    await t.step("with JavaScript off the page holds the same content", async () => {
      const plain = await browser.newPage();
      await plain.setScriptsEnabled(false);
      await plain.navigate(served.url);
      const seen = await plain.evaluate<Record<string, unknown>>(`(() => ({
        workers: ${SIM_ROWS}.length,
        beads: document.querySelectorAll('tr[data-bead^="demo-"]').length,
        costs: document.querySelector("section#costs") !== null,
        live: document.getElementById("live").textContent,
      }))()`);
      assert.ok((seen.workers as number) > 0);
      assert.ok((seen.beads as number) > 0);
      assert.equal(seen.costs, true);
      assert.equal(seen.live, "refreshes every 10 s", "the script did not run");
    });

    await t.step("no CSP violation, script error or failed load", () => {
      assert.deepEqual(page.log.filter((l) => !/favicon/.test(l)), []);
    });

    await t.step("SIGTERM stops the demo, with the page still connected", async () => {
      run.signal("SIGTERM");
      await waitFor(() => exit.code !== undefined, {
        timeoutMs: 60_000,
        what: `forge demo to exit after SIGTERM (last output:\n${run.lines.slice(-10).join("\n")})`,
      });
      assert.equal(exit.code, 0);
    });
  } finally {
    run.signal("SIGKILL");
    await run.exited;
  }
});
